import { agentVersionFromStatus } from '../cilium/status-json.ts';
import { parseSemver, versionFromImage } from '../cilium/version-text.ts';
import type { Outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { outcomes } from './outcomes.ts';

const ID = 'version.skew';
const o = outcomes(ID);
const HINT =
  'Agents run different Cilium versions: finish (or roll back) the upgrade with `kubectl -n kube-system rollout status ds/cilium`; ' +
  'Cilium supports upgrading one minor at a time, and mixed minors beyond that can disagree on BPF map layouts and policy.';

/** Agents of one cluster must run one version (one minor apart at most during an upgrade). */
export const versionSkew: CheckDefinition = {
  id: ID,
  layer: 'version',
  doc: 'Agent versions in the cluster (DaemonSet image, pod images, agent-reported) agree; more than one minor apart fails.',
  doing: 'read agent versions',
  async run(facts): Promise<Outcome[]> {
    const [ds, pods, statuses] = await Promise.all([
      facts.daemonSet(),
      facts.agentPods(),
      facts.agentStatus(),
    ]);
    const seen = new Map<string, Set<string>>();
    const add = (v: string | undefined, where: string) => {
      if (v) seen.set(v, (seen.get(v) ?? new Set()).add(where));
    };
    for (const img of ds?.images ?? []) add(versionFromImage(img), 'daemonset');
    for (const p of pods) {
      const img = p.containers.find((c) => c.name === 'cilium-agent')?.image;
      add(img ? versionFromImage(img) : undefined, p.name);
    }
    for (const s of statuses) if (s.kind === 'ok') add(agentVersionFromStatus(s.value), `${s.pod} (agent)`);
    const versions = [...seen.keys()].sort();
    const evidence = Object.fromEntries([...seen].map(([v, w]) => [v, [...w].slice(0, 10)]));
    if (versions.length === 0) {
      const message = 'no Cilium version found (image tags are digests only and no agent answered)';
      const hint = 'See component.agent.status; pin images by tag@digest to make versions visible.';
      return [o.error('cluster', message, hint)];
    }
    if (versions.length === 1) return [o.pass('cluster', `all agents on ${versions[0]}`, { evidence })];
    const minors = versions
      .map(parseSemver)
      .filter((v) => v !== null)
      .map((v) => v.major * 1000 + v.minor);
    const spread = Math.max(...minors) - Math.min(...minors);
    const msg = `agents run ${versions.length} versions: ${versions.join(', ')}`;
    if (spread > 1) return [o.fail('cluster', `${msg} (more than one minor apart)`, HINT, { evidence })];
    return [o.warn('cluster', `${msg} (upgrade in progress?)`, HINT, { evidence })];
  },
};
