import type { PodInfo } from '../kube/cluster-api.ts';
import { byCodeUnits } from '../text/compare.ts';

/** The agent container of a Cilium pod, and whether one can exec into it. */
export function agentContainer(pod: PodInfo) {
  const c = pod.containers.find((x) => x.name === 'cilium-agent') ?? pod.containers[0];
  const running = pod.phase === 'Running' && c?.state === 'running';
  const crashloop =
    c?.reason === 'CrashLoopBackOff' || (c?.state !== 'running' && (c?.restartCount ?? 0) > 0);
  return { container: c, running, crashloop };
}

/**
 * Picks the agents to exec into: those on the first `sampleAgents` nodes by name (deterministic) plus every
 * agent whose pod is not Ready; `full` takes all. Order: by node name.
 * @example sampleAgentPods(pods, 5, false)
 */
export function sampleAgentPods(pods: PodInfo[], sampleAgents: number, full: boolean): PodInfo[] {
  const sorted = [...pods].sort(
    (a, b) => byCodeUnits(a.nodeName ?? '\uffff', b.nodeName ?? '\uffff') || byCodeUnits(a.name, b.name),
  );
  if (full) return sorted;
  const picked = new Set(sorted.slice(0, Math.max(0, sampleAgents)));
  for (const p of sorted) if (!p.ready) picked.add(p);
  return sorted.filter((p) => picked.has(p));
}
