import { execFile } from 'node:child_process';
import { bundleEntry } from './bundle.ts';

/** What one sweeping child reports (bench/sweep-child.ts). */
export interface ChildResult {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  maxClusterMs: number;
  statuses: Record<string, number>;
  errors: Record<string, number>;
  /** `check status` of each check that did not pass: how many, and the first one's message. */
  notPassed: Record<string, { count: number; message: string }>;
  clusters: number;
}

const CHILD = 'bench/.data/sweep-child.mjs';

/** Bundles bench/sweep-child-main.ts for plain node (the code as shipped). */
export function bundleSweepChild(): Promise<string> {
  return bundleEntry('bench/sweep-child-main.ts', CHILD);
}

/** One sweep of the kubeconfig's clusters (or only `only`) in its own process, on `node` (default: this one) with `env`. */
export function runChild(
  kubeconfig: string,
  concurrency: number,
  only?: string,
  node = process.execPath,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildResult> {
  const args = [CHILD, kubeconfig, String(concurrency)];
  if (only) args.push(only);
  return new Promise((resolve, reject) => {
    execFile(node, args, { maxBuffer: 16 * 1024 * 1024, env }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`child failed: ${err.message}\n${stderr}`));
      const last = stdout.trim().split('\n').at(-1) ?? '{}';
      resolve(JSON.parse(last) as ChildResult);
    });
  });
}
