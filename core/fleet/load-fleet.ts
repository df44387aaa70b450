import { config } from '../config.ts';
import { splitKubeconfigPaths } from '../kube/kubeconfig.ts';
import type { KubeLimits } from '../kube/limits.ts';
import type { EksOptions } from './eks-targets.ts';
import { loadFleetFile } from './fleet-file.ts';
import { fleetFileTargets } from './fleet-file-targets.ts';
import { checkContexts, kubeconfigTargets } from './kubeconfig-targets.ts';
import type { ClusterTarget } from './target.ts';

export interface LoadFleetOptions {
  /** KUBECONFIG-style list (`a:b`); default: $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
  /** Only these clusters (kubeconfig contexts, or fleet-file cluster names). */
  contexts?: string[];
  fleetFile?: string;
  limits?: Partial<KubeLimits>;
  /** AWS credentials override (tests); default: the SDK default chain. */
  eks?: EksOptions;
  /** Receives notes about clusters left out (EKS not ACTIVE, a region denied...). */
  onNote?: (note: string) => void;
}

function kubeconfigFilesOf(value: string | undefined): string[] | undefined {
  const v = value ?? config().KUBECONFIG;
  return v ? splitKubeconfigPaths(v) : undefined;
}

/**
 * The fleet to sweep: from a fleet file when given, else every kubeconfig context (or `contexts`).
 * Unknown contexts/cluster names are an `invalid-input` error naming them.
 * @example await loadFleet({ kubeconfig: '/tmp/kc.yaml', contexts: ['prod-use1'] })
 */
export async function loadFleet(opts: LoadFleetOptions = {}): Promise<ClusterTarget[]> {
  const files = kubeconfigFilesOf(opts.kubeconfig);
  if (!opts.fleetFile)
    return kubeconfigTargets({
      ...(files ? { files } : {}),
      ...(opts.contexts ? { contexts: opts.contexts } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
    });
  const file = await loadFleetFile(opts.fleetFile);
  const targets = await fleetFileTargets(file, {
    source: opts.fleetFile,
    ...(files ? { kubeconfigFiles: files } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.eks ? { eks: opts.eks } : {}),
    ...(opts.onNote ? { onNote: opts.onNote } : {}),
  });
  if (!opts.contexts || opts.contexts.length === 0) return targets;
  checkContexts(
    opts.contexts,
    targets.map((t) => t.name),
    'cluster',
  );
  const wanted = new Set(opts.contexts);
  return targets.filter((t) => wanted.has(t.name));
}
