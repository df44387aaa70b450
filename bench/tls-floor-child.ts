/**
 * Entry of the TLS/HTTP floor probe of bench/tls-floor.ts: `<url> <ca.pem>`, one JSON line out. No fleetcheck
 * code on the request path: Node's https with one TLS context per server and resumed sessions (what the sweep's
 * agents do), ten requests at a time, so the process is never idle between them.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { createSecureContext } from 'node:tls';
import { ResumingAgent } from '../core/kube/resuming-agent.ts';

const [url = '', caFile = ''] = process.argv.slice(2);
const secureContext = createSecureContext({ ca: readFileSync(caFile) });
const fresh = new ResumingAgent({ keepAlive: false, secureContext });
const kept = new ResumingAgent({ keepAlive: true, maxSockets: 10, secureContext });

const get = (agent: https.Agent) =>
  new Promise<void>((resolve, reject) => {
    https
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          resolve();
        });
      })
      .on('error', reject);
  });

/** CPU ms of this process per request, `n` requests ten at a time after `n / 5` unmeasured ones. */
async function cpuPerRequest(agent: https.Agent, n: number): Promise<number> {
  const run = async (count: number) => {
    let left = count;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (left-- > 0) await get(agent);
      }),
    );
  };
  await run(n / 5);
  const before = process.cpuUsage();
  await run(n);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

const connectionMs = await cpuPerRequest(fresh, 1000);
const keptAliveMs = await cpuPerRequest(kept, 3000);
process.stdout.write(`${JSON.stringify({ connectionMs, keptAliveMs })}\n`);
process.exit(0);
