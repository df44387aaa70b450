/**
 * Memory of the reads on a very large cluster: 5,000 nodes and 100,000 CiliumEndpoints served in pages by a
 * loopback fake API server (this process); the client (ClusterApi.listNodes + summarizeCiliumEndpoints) runs in
 * a child process whose RSS is measured before and at its peak. Writes bench/results/big-cluster.md.
 * Usage: node bin/run-ts.mjs bench/big-cluster.ts [nodes=5000] [endpoints=100000]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clusterApiFromEndpoint } from '../core/kube/factories.ts';

const GOAL_MB = 100;

function node(i: number) {
  const name = `node-${String(i).padStart(5, '0')}`;
  return {
    metadata: {
      name,
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': 'm6i.xlarge',
        'topology.kubernetes.io/zone': `eu-west-1${'abc'[i % 3]}`,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
      providerID: `aws:///eu-west-1a/i-${i.toString(16).padStart(17, '0')}`,
    },
    status: {
      conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
        type,
        status: type === 'Ready' ? 'True' : 'False',
        lastHeartbeatTime: '2026-11-27T10:00:00Z',
        lastTransitionTime: '2026-11-20T10:00:00Z',
        reason: `Kubelet${type}`,
        message: `kubelet reports ${type}`,
      })),
      addresses: [
        { type: 'InternalIP', address: `10.0.${(i >> 8) & 255}.${i & 255}` },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kernelVersion: '6.1.0-27-cloud-amd64',
        kubeletVersion: 'v1.32.4',
        osImage: 'Debian GNU/Linux 12',
      },
      images: Array.from({ length: 8 }, (_, k) => ({
        names: [`registry.example/app-${k}:v1.${k}`],
        sizeBytes: 1e7,
      })),
    },
  };
}

function cep(i: number) {
  return {
    metadata: { name: `app-${i}-7f9c5d-x${i % 97}`, namespace: `ns-${i % 200}`, uid: `cep-${i}` },
    status: {
      id: i,
      state: i % 5000 === 0 ? 'not-ready' : 'ready',
      identity: {
        id: 10000 + (i % 40000),
        labels: [`k8s:app=app-${i % 500}`, `k8s:io.kubernetes.pod.namespace=ns-${i % 200}`],
      },
      networking: {
        node: `10.0.${(i >> 8) & 255}.${i & 255}`,
        addressing: [{ ipv4: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
      },
      policy: {
        ingress: { enforcing: false, state: '<status disabled>' },
        egress: { enforcing: false, state: '<status disabled>' },
      },
      encryption: {},
      'named-ports': [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
  };
}

function page(
  res: ServerResponse,
  url: URL,
  total: number,
  make: (i: number) => unknown,
  bytes: { n: number },
) {
  const limit = Number(url.searchParams.get('limit') ?? '0') || total;
  const start = Number(Buffer.from(url.searchParams.get('continue') ?? '', 'base64url').toString() || '0');
  const end = Math.min(total, start + limit);
  const items = [];
  for (let i = start; i < end; i++) items.push(make(i));
  const more = end < total;
  const body = JSON.stringify({
    metadata: {
      resourceVersion: '1',
      ...(more
        ? { continue: Buffer.from(String(end)).toString('base64url'), remainingItemCount: total - end }
        : {}),
    },
    items,
  });
  bytes.n += body.length;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(body);
}

async function child(server: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const api = clusterApiFromEndpoint({ name: 'big', server, skipTLSVerify: true, token: async () => 't' });
  const t0 = performance.now();
  const nodes = await api.listNodes();
  const eps = await api.summarizeCiliumEndpoints();
  const ms = performance.now() - t0;
  api.close();
  const out = {
    nodes: nodes.length,
    endpoints: eps.total,
    notReady: eps.notReady,
    sample: eps.notReadySample.length,
    ms,
    rssBeforeMb: before / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function main(): Promise<void> {
  const nodes = Number(process.argv[2] ?? 5000);
  const endpoints = Number(process.argv[3] ?? 100_000);
  const bytes = { n: 0 };
  let pages = 0;
  const srv = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    pages += 1;
    if (url.pathname === '/api/v1/nodes') return page(res, url, nodes, node, bytes);
    if (url.pathname === '/apis/cilium.io/v2/ciliumendpoints') return page(res, url, endpoints, cep, bytes);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const server = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  const r = await new Promise<{
    nodes: number;
    endpoints: number;
    notReady: number;
    sample: number;
    ms: number;
    rssBeforeMb: number;
    peakRssMb: number;
  }>((resolve, reject) =>
    execFile(
      process.execPath,
      ['bin/run-ts.mjs', 'bench/big-cluster.ts', '--child', server],
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'))),
    ),
  );
  srv.close();
  const growth = r.peakRssMb - r.rssBeforeMb;
  const md = [
    '## Very large cluster (`bench/big-cluster.ts`)',
    '',
    `One cluster of ${nodes.toLocaleString('en')} nodes and ${endpoints.toLocaleString('en')} CiliumEndpoints from a loopback fake API server that pages lists (\`limit\`/\`continue\`); the client reads them as the sweep does (\`listNodes\`, \`summarizeCiliumEndpoints\`) in a child process.`,
    '',
    '| measure | value | goal |',
    '|---|---|---|',
    `| list answers read (JSON) | ${(bytes.n / 2 ** 20).toFixed(0)} MB in ${pages} pages | — |`,
    `| nodes / endpoints read | ${r.nodes} / ${r.endpoints} (${r.notReady} not ready, ${r.sample} names kept) | all |`,
    `| time | ${(r.ms / 1000).toFixed(1)} s | — |`,
    `| RSS growth of the reading process (peak − before) | ${growth.toFixed(0)} MB (${r.rssBeforeMb.toFixed(0)} → ${r.peakRssMb.toFixed(0)} MB) | ≤ ${GOAL_MB} MB (flat: a page at a time) ${growth <= GOAL_MB ? '✅' : '❌'} |`,
    '',
  ].join('\n');
  process.stdout.write(md);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/big-cluster.md', md);
}

if (process.argv[2] === '--child') await child(process.argv[3] ?? '');
else await main();
