/**
 * The load generator of bench/api-latency.ts, in its own process: `clients` closed-loop clients, each on its own
 * keep-alive connection (node:http), request the route `requests` times in turn after 2 warm-up requests; a
 * latency is the time from sending the request to the last byte of the answer. Argument: one JSON object
 * `{ url, paths, clients, requests }`; prints one JSON line per path `{ path, p50, p95, max, rps }` (ms, req/s).
 */
import { Agent, get } from 'node:http';

interface LoadArgs {
  url: string;
  paths: string[];
  clients: number;
  requests: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as LoadArgs;

function request(agent: Agent, url: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () =>
        (res.statusCode ?? 500) < 400
          ? resolve(performance.now() - t0)
          : reject(new Error(`${url}: ${res.statusCode}`)),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const agents = Array.from({ length: args.clients }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
for (const path of args.paths) {
  const url = `${args.url}${path}`;
  await Promise.all(agents.map(async (a) => [await request(a, url), await request(a, url)]));
  const times: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    agents.map(async (a) => {
      for (let i = 0; i < args.requests; i++) times.push(await request(a, url));
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const out = {
    path,
    p50: pct(times, 50),
    p95: pct(times, 95),
    max: times.at(-1) ?? 0,
    rps: times.length / wall,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
for (const a of agents) a.destroy();
