import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';
import type { Outcome } from '../../core/outcome.ts';
import { runFile } from '../fixtures/run-file.ts';
import type { ControlPlane } from './control-plane.ts';

/** fleetcheck's own client of the control plane (cluster `real`), calling as `token`. */
export function clusterApiAs(cp: ControlPlane, token: string) {
  return clusterApiFromEndpoint({
    name: 'real',
    server: cp.server,
    caData: Buffer.from(cp.caPem).toString('base64'),
    token: async () => token,
  });
}

/** A kubeconfig file in `dir` with one context `real` for the given token. */
export async function writeKubeconfig(cp: ControlPlane, token: string, dir: string): Promise<string> {
  const file = join(dir, 'kubeconfig');
  const ca = Buffer.from(cp.caPem).toString('base64');
  await writeFile(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'real', cluster: { server: cp.server, 'certificate-authority-data': ca } }],
      users: [{ name: 'real', user: { token } }],
      contexts: [{ name: 'real', context: { cluster: 'real', user: 'real' } }],
      'current-context': 'real',
    }),
    { mode: 0o600 },
  );
  return file;
}

/** `fleetcheck check real --output json --no-store`: its exit code and the cluster's results. */
export async function fleetcheckCheck(
  kubeconfig: string,
  home: string,
): Promise<{ code: number; results: Outcome[] }> {
  const run = await runFile(
    process.execPath,
    ['bin/fleetcheck.mjs', 'check', 'real', '--kubeconfig', kubeconfig, '--output', 'json', '--no-store'],
    { PATH: process.env.PATH, HOME: home },
    180_000,
  );
  if (!run.stdout.trim())
    throw new Error(`fleetcheck check printed nothing (exit ${run.code}): ${run.stderr.slice(0, 500)}`);
  const report = JSON.parse(run.stdout) as { clusters: { results: Outcome[] }[] };
  return { code: run.code, results: report.clusters[0]?.results ?? [] };
}
