import { FleetcheckError } from '../errors.ts';
import { clusterApiFromKubeconfig } from '../kube/factories.ts';
import { listKubeconfigContexts } from '../kube/kubeconfig.ts';
import type { KubeLimits } from '../kube/limits.ts';
import { guessProvider } from './provider-guess.ts';
import type { ClusterTarget } from './target.ts';

/** Throws `invalid-input` naming every requested context the kubeconfig does not have. */
export function checkContexts(wanted: string[], known: string[], what = 'kubeconfig context'): void {
  const have = new Set(known);
  const missing = wanted.filter((c) => !have.has(c));
  if (missing.length > 0)
    throw new FleetcheckError(
      'invalid-input',
      `unknown ${what}${missing.length > 1 ? 's' : ''}: ${missing.map((m) => `"${m}"`).join(', ')} (known: ${known.join(', ') || 'none'})`,
      { missing },
    );
}

/** A kubeconfig-backed target with everything else left at its defaults. */
export function kubeconfigTarget(
  files: string[] | undefined,
  context: string,
  name: string,
  limits: Partial<KubeLimits> | undefined,
  info: { server: string; cluster: string; file?: string },
): ClusterTarget {
  const guess = guessProvider(info.server, info.cluster, context);
  return {
    name,
    provider: guess.provider,
    ...(guess.region ? { region: guess.region } : {}),
    ...(guess.account ? { account: guess.account } : {}),
    labels: {},
    expectedPeers: [],
    probeTargets: [],
    overrides: {},
    source: { kind: 'kubeconfig', ...(info.file ? { file: info.file } : {}), context },
    connect: async () =>
      clusterApiFromKubeconfig({ ...(files ? { files } : {}), context, name, ...(limits ? { limits } : {}) }),
  };
}

/**
 * One target per kubeconfig context (or per requested context), named after the context.
 * @example kubeconfigTargets({ files: ['/tmp/kc.yaml'], contexts: ['prod'] })[0]?.name // 'prod'
 */
export function kubeconfigTargets(opts: {
  files?: string[];
  contexts?: string[];
  limits?: Partial<KubeLimits>;
}): ClusterTarget[] {
  const all = listKubeconfigContexts(opts.files);
  if (opts.contexts && opts.contexts.length > 0)
    checkContexts(
      opts.contexts,
      all.map((c) => c.context),
    );
  const wanted = opts.contexts && opts.contexts.length > 0 ? new Set(opts.contexts) : undefined;
  return all
    .filter((c) => !wanted || wanted.has(c.context))
    .map((c) => kubeconfigTarget(opts.files, c.context, c.context, opts.limits, c));
}
