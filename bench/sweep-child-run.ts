import { bundleEntry } from './bundle.ts';
import { runJsonChild } from './child-json.ts';

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
  const args = [CHILD, kubeconfig, String(concurrency), ...(only ? [only] : [])];
  return runJsonChild<ChildResult>('child', node, args, env);
}
