import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { listKubeconfigContexts, splitKubeconfigPaths } from '../kube/kubeconfig.ts';
import type { KubeLimits } from '../kube/limits.ts';
import { discoveredEksTargets, type EksOptions, eksRefTarget } from './eks-targets.ts';
import type { FleetFile, FleetFileCluster } from './fleet-file-schema.ts';
import { checkContexts, kubeconfigTarget } from './kubeconfig-targets.ts';
import type { ClusterOverrides, ClusterTarget } from './target.ts';

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Fleet defaults as overrides; a cluster's own overrides win. */
function defaultOverrides(f: FleetFile): ClusterOverrides {
  const d = f.defaults;
  return compact({
    sampleAgents: d.sampleAgents,
    ...d.thresholds,
    detectionBudgetSeconds: d.detectionBudgetSeconds,
    businessEvery: d.businessEvery,
  });
}

function kubeFiles(value: string | undefined, baseDir: string, fallback?: string[]): string[] | undefined {
  if (!value) return fallback;
  return splitKubeconfigPaths(value).map((p) => {
    if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
    return isAbsolute(p) ? p : resolve(baseDir, p);
  });
}

function fromCluster(
  f: FleetFile,
  c: FleetFileCluster,
  baseDir: string,
  fallbackFiles: string[] | undefined,
  limits: Partial<KubeLimits> | undefined,
  eks: EksOptions,
): ClusterTarget {
  const base = {
    name: c.name,
    ...(c.region ? { region: c.region } : {}),
    ...(c.account ? { account: c.account } : {}),
    labels: { ...f.defaults.labels, ...c.labels },
    ...(c.meshGroup ? { meshGroup: c.meshGroup } : {}),
    expectedPeers: c.expectedPeers,
    probeTargets: c.probeTargets,
    overrides: { ...defaultOverrides(f), ...compact(c.overrides) },
  };
  if (c.eks) return eksRefTarget(base, c.eks, eks);
  const files = kubeFiles(c.kubeconfig ?? f.defaults.kubeconfig, baseDir, fallbackFiles);
  const contexts = listKubeconfigContexts(files);
  const context = c.context ?? c.name;
  checkContexts(
    [context],
    contexts.map((x) => x.context),
    `kubeconfig context for cluster "${c.name}"`,
  );
  const info = contexts.find((x) => x.context === context)!;
  const t = kubeconfigTarget(files, context, c.name, limits, info);
  return {
    ...t,
    ...base,
    provider: c.provider ?? t.provider,
    ...((base.region ?? t.region) ? { region: base.region ?? t.region } : {}),
    ...((base.account ?? t.account) ? { account: base.account ?? t.account } : {}),
  };
}

/**
 * Targets of a parsed fleet file: listed clusters (kubeconfig or EKS refs) then EKS discovery; a
 * discovered cluster whose name is already listed is skipped, and one seen twice gets `.<region>` appended.
 */
export async function fleetFileTargets(
  f: FleetFile,
  opts: {
    source: string;
    kubeconfigFiles?: string[];
    limits?: Partial<KubeLimits>;
    eks?: EksOptions;
    onNote?: (note: string) => void;
  },
): Promise<ClusterTarget[]> {
  const baseDir = dirname(resolve(opts.source));
  const eks: EksOptions = { ...opts.eks, ...(opts.limits ? { limits: opts.limits } : {}) };
  const out = f.clusters.map((c) => fromCluster(f, c, baseDir, opts.kubeconfigFiles, opts.limits, eks));
  const names = new Set(out.map((t) => t.name));
  for (const entry of f.eks?.discover ?? []) {
    const { targets, notes } = await discoveredEksTargets(
      entry,
      (c) => {
        if (f.clusters.some((x) => x.name === c.name || x.eks?.name === c.name)) return undefined;
        const name = names.has(c.name) ? `${c.name}.${c.region}` : c.name;
        if (names.has(name)) {
          opts.onNote?.(`eks discovery: ${name} found twice, keeping the first`);
          return undefined;
        }
        names.add(name);
        return {
          name,
          labels: { ...f.defaults.labels, ...entry.labels },
          ...(entry.meshGroup ? { meshGroup: entry.meshGroup } : {}),
          expectedPeers: [],
          probeTargets: [],
          overrides: defaultOverrides(f),
        };
      },
      eks,
    );
    for (const n of notes) opts.onNote?.(n);
    out.push(...targets);
  }
  return out;
}
