/**
 * The sweep's traffic from bare Node, with no fleetcheck code on the measured path but its Job manifest and TLS
 * session cut (its kubeconfig reader serves the setup, outside the measure): per cluster the same URLs
 * `fleetcheck sweep` asks (captured from the simulator's request log), the probe Job created, its pods polled every 500 ms,
 * its logs read and deleted, ten exec sessions (`cilium-dbg status` and `cilium-health status` on five agents),
 * every answer parsed as JSON, TLS sessions resumed (offered once per connection, kept without the server
 * certificate, as core/kube/resuming-agent.ts does). What it costs is a floor for the sweep's CPU, memory and wall
 * time on the machine that runs it. Usage: transport-replay-child.mjs KUBECONFIG CONCURRENCY [CONTEXT]. Prints one
 * JSON line.
 */
import https from 'node:https';
import { type ConnectionOptions, createSecureContext, TLSSocket, connect as tlsConnect } from 'node:tls';
import pLimit from 'p-limit';
import WebSocket from 'ws';
import { probeContainers, probeJobSpec } from '../core/checks/probe-job-spec.ts';
import { EXEC_PROTOCOLS, STATUS, STDOUT } from '../core/kube/exec-channels.ts';
import { acquireSlot, execGate, execOpeningGate } from '../core/kube/exec-gate.ts';
import { execUrl } from '../core/kube/exec-session.ts';
import { jobManifest } from '../core/kube/job-manifest.ts';
import { contextEntries, listKubeconfigContexts } from '../core/kube/kubeconfig.ts';
import { withoutPeerCertificate } from '../core/kube/tls-session-peer.ts';

interface Target {
  name: string;
  server: string;
  ca: Buffer;
  token: string;
}

const PROBE_NS = 'fleetcheck-probe';
const POLL_MS = 500;
const setSession = (TLSSocket.prototype as unknown as { setSession: (this: TLSSocket, s: Buffer) => void })
  .setSession;

/** The kubeconfig's contexts (or only `only`), read by fleetcheck's own kubeconfig reader (setup, not measured). */
function targets(kubeconfigPath: string, only?: string): Target[] {
  const files = [kubeconfigPath];
  return listKubeconfigContexts(files)
    .filter((c) => !only || c.context === only)
    .map(({ context }) => {
      const { cluster, user } = contextEntries(files, context);
      const token = user.user?.token;
      const ca = cluster.cluster['certificate-authority-data'];
      if (!token || !ca) throw new Error(`context ${context}: the replay takes a CA and a bearer token only`);
      return { name: context, server: cluster.cluster.server, ca: Buffer.from(ca, 'base64'), token };
    });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One cluster's connections: REST kept alive on two sockets, each exec its own socket, one resumed session. */
class Connection {
  private session: Buffer | undefined;
  private readonly agent: https.Agent;
  private readonly secureContext;
  private readonly headers: Record<string, string>;

  constructor(private readonly t: Target) {
    this.secureContext = createSecureContext({ ca: t.ca });
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 2 });
    (this.agent as unknown as { createConnection: unknown }).createConnection = (o: ConnectionOptions) =>
      this.connect(o);
    this.headers = { Authorization: `Bearer ${t.token}`, Accept: 'application/json, */*' };
  }

  private connect(o: ConnectionOptions): TLSSocket {
    const socket = tlsConnect({ ...o, secureContext: this.secureContext });
    if (this.session) setSession.call(socket, this.session);
    socket.on('session', (s: Buffer) => {
      this.session = withoutPeerCertificate(s);
    });
    return socket;
  }

  text(method: string, path: string, body?: string): Promise<string> {
    const headers = body
      ? {
          ...this.headers,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
        }
      : this.headers;
    return new Promise((resolve, reject) => {
      const req = https.request(
        new URL(path, this.t.server),
        { method, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(text);
            else reject(new Error(`${method} ${path}: HTTP ${status}`));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: the replay reads a few fields of untyped answers
  async json(method: string, path: string, body?: string): Promise<any> {
    return JSON.parse(await this.text(method, path, body));
  }

  /**
   * One exec session over the v5 channel protocol: stdout (parsed as JSON by the caller) once the Status came;
   * opened and held under fleetcheck's own process-wide bounds (core/kube/exec-gate.ts).
   */
  exec(pod: string, argv: string[]): Promise<string> {
    const url = execUrl(this.t.server, 'kube-system', pod, 'cilium-agent', argv);
    return execGate(async () => {
      const opened = await acquireSlot(execOpeningGate);
      try {
        return await new Promise<string>((resolve, reject) => {
          const ws = new WebSocket(url, [...EXEC_PROTOCOLS], {
            createConnection: (o: ConnectionOptions) => this.connect(o),
            headers: { Authorization: this.headers['Authorization'] as string },
            perMessageDeflate: false,
          } as WebSocket.ClientOptions);
          const out: Buffer[] = [];
          let status: { status?: string } | undefined;
          ws.on('message', (d: Buffer) => {
            if (d[0] === STDOUT) out.push(d.subarray(1));
            else if (d[0] === STATUS) status = JSON.parse(d.subarray(1).toString('utf8'));
          });
          ws.on('close', () =>
            status?.status === 'Success'
              ? resolve(Buffer.concat(out).toString('utf8'))
              : reject(new Error(`exec ${argv.join(' ')} in ${pod}: ${JSON.stringify(status)}`)),
          );
          ws.on('open', opened);
          ws.on('error', reject);
        });
      } finally {
        opened();
      }
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The Job fleetcheck creates (its manifest, as data: the replay sends the same bytes' worth). */
function probeJob(): { name: string; body: string } {
  const spec = probeJobSpec(PROBE_NS, probeContainers([], 'cluster.local'));
  return { name: spec.name, body: JSON.stringify(jobManifest(spec)) };
}

async function probe(c: Connection): Promise<void> {
  const { name, body } = probeJob();
  await c.json('POST', `/apis/batch/v1/namespaces/${PROBE_NS}/jobs`, body);
  const started = performance.now();
  let pod: string | undefined;
  for (;;) {
    await sleep(POLL_MS);
    // fleetcheck polls the Job's pods, and reads the Job itself only while it has none (core/checks/probe-job.ts)
    const pods = await c.json(
      'GET',
      `/api/v1/namespaces/${PROBE_NS}/pods?labelSelector=job-name%3D${name}&limit=500`,
    );
    const first = pods.items?.[0];
    pod = first?.metadata?.name;
    if (first?.status?.phase === 'Succeeded' || first?.status?.phase === 'Failed') break;
    if (!first) {
      const job = await c.json('GET', `/apis/batch/v1/namespaces/${PROBE_NS}/jobs/${name}`);
      if (job.status?.succeeded || job.status?.failed) break;
    }
    if (performance.now() - started > 60_000) throw new Error(`probe Job ${name} did not finish`);
  }
  if (pod)
    for (const container of ['dns', 'api'])
      await c.text(
        'GET',
        `/api/v1/namespaces/${PROBE_NS}/pods/${pod}/log?container=${container}&limitBytes=1048576`,
      );
  await c.json('DELETE', `/apis/batch/v1/namespaces/${PROBE_NS}/jobs/${name}`);
}

async function agents(c: Connection): Promise<void> {
  const pods = await c.json(
    'GET',
    '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dcilium&limit=500',
  );
  const names: string[] = pods.items.slice(0, 5).map((p: { metadata: { name: string } }) => p.metadata.name);
  const outputs = await Promise.all(
    names.flatMap((pod) => [
      c.exec(pod, ['cilium-dbg', 'status', '-o', 'json']),
      c.exec(pod, ['cilium-health', 'status', '-o', 'json']),
    ]),
  );
  for (const o of outputs) JSON.parse(o);
}

async function replay(t: Target): Promise<void> {
  const c = new Connection(t);
  try {
    // The first answer brings the TLS session every later connection resumes (one full handshake per cluster).
    await c.json('GET', '/api/v1/namespaces/kube-system/configmaps/coredns');
    await Promise.all([
      (async () => {
        await c.json(
          'GET',
          `/apis/batch/v1/namespaces/${PROBE_NS}/jobs?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dfleetcheck&limit=500`,
        );
        await probe(c);
      })(),
      agents(c),
      c.json('GET', '/api/v1/nodes?limit=500'),
      c.json('GET', '/apis/apps/v1/namespaces/kube-system/daemonsets/cilium'),
      c.json('GET', '/apis/apps/v1/namespaces/kube-system/deployments/cilium-operator'),
      c.json('GET', '/api/v1/namespaces/kube-system/configmaps/cilium-config'),
      c.json('GET', '/api/v1/namespaces/kube-system/secrets/cilium-clustermesh'),
      c.json('GET', '/apis/cilium.io/v2/ciliumendpoints?limit=500'),
      c.json('GET', '/apis/apps/v1/namespaces/kube-system/deployments/hubble-relay'),
    ]);
  } finally {
    c.close();
  }
}

const [kubeconfig, concurrency, only] = process.argv.slice(2);
if (!kubeconfig) throw new Error('usage: transport-replay-child.mjs KUBECONFIG CONCURRENCY [CONTEXT]');
const list = targets(kubeconfig, only);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const limit = pLimit(Number(concurrency ?? 200));
const failures: string[] = [];
await Promise.all(
  list.map((t) =>
    limit(() => replay(t).catch((err: Error) => void failures.push(`${t.name}: ${err.message}`))),
  ),
);
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    clusters: list.length,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - t0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    failures: failures.slice(0, 5),
    failed: failures.length,
  })}\n`,
);
