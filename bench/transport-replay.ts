import { bundleEntry } from './bundle.ts';
import { runJsonChild } from './child-json.ts';

const CHILD = 'bench/.data/transport-replay-child.mjs';

/** What one replaying child reports (bench/transport-replay-child.ts). */
export interface ReplayResult {
  clusters: number;
  cpuMs: number;
  wallMs: number;
  maxRssMb: number;
  failed: number;
  failures: string[];
}

/** Bundles the replay child for plain node. */
export function bundleReplayChild(): Promise<string> {
  return bundleEntry('bench/transport-replay-child.ts', CHILD);
}

/** Replays the sweep's traffic to the kubeconfig's clusters (or only `only`) from bare Node, in its own process. */
export function runReplay(
  kubeconfig: string,
  concurrency: number,
  only?: string,
  node = process.execPath,
): Promise<ReplayResult> {
  const args = [CHILD, kubeconfig, String(concurrency), ...(only ? [only] : [])];
  return runJsonChild<ReplayResult>('transport replay', node, args);
}
