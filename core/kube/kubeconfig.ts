import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { FleetcheckError } from '../errors.ts';
import { printableLine } from '../printable.ts';

/** One context of a kubeconfig, as listed for fleet discovery. */
export interface KubeContextInfo {
  context: string;
  cluster: string;
  server: string;
  namespace?: string;
  /** The file the context came from (first file wins on duplicate names, like kubectl). */
  file: string;
}

/** Splits a KUBECONFIG-style value (`a:b:c`) into file paths. */
export function splitKubeconfigPaths(value: string): string[] {
  return value.split(delimiter).filter((p) => p.trim() !== '');
}

/** The files to read: the given ones, else `~/.kube/config`. */
export function kubeconfigFiles(files?: string[]): string[] {
  return files && files.length > 0 ? files : [join(homedir(), '.kube', 'config')];
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

const cache = new Map<string, { kc: KubeConfig; fileOf: Map<string, string> }>();

/**
 * Loads and merges kubeconfig files; on duplicate cluster/user/context names the first file wins.
 * Throws `invalid-input` naming the file when one cannot be read or parsed.
 */
export function loadKubeconfigFiles(files?: string[]): { kc: KubeConfig; fileOf: Map<string, string> } {
  const list = kubeconfigFiles(files);
  const key = list.map((f) => `${f}@${mtimeOf(f)}`).join('\n');
  const hit = cache.get(key);
  if (hit) return hit;
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [], users: [], contexts: [], currentContext: '' });
  const fileOf = new Map<string, string>();
  for (const file of list) {
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(file);
    } catch (err) {
      throw new FleetcheckError('invalid-input', `kubeconfig ${file}: ${unreadableReason(err)}`, { file });
    }
    if (!merged.currentContext && kc.currentContext) merged.currentContext = kc.currentContext;
    for (const c of kc.clusters) if (!merged.getCluster(c.name)) merged.clusters.push(c);
    for (const u of kc.users) if (!merged.getUser(u.name)) merged.users.push(u);
    for (const c of kc.contexts) {
      if (merged.getContextObject(c.name)) continue;
      merged.contexts.push(c);
      fileOf.set(c.name, file);
    }
  }
  const out = { kc: merged, fileOf };
  cache.set(key, out);
  return out;
}

/** Why a kubeconfig could not be loaded, in one sanitised line (client-node crashes on an empty document). */
function unreadableReason(err: unknown): string {
  if (err instanceof TypeError)
    return 'empty or not a kubeconfig (expected a YAML mapping with clusters, users and contexts)';
  const message = err instanceof Error ? err.message : String(err);
  return printableLine(message.split('\n')[0] ?? '', 200);
}

/** Forgets loaded kubeconfigs (tests that rewrite files). */
export function clearKubeconfigCache(): void {
  cache.clear();
}

/**
 * Lists every context of the kubeconfig files (default `~/.kube/config`).
 * @example listKubeconfigContexts(['/tmp/kc.yaml']) // [{ context: 'prod', cluster: 'prod', server: 'https://…', file }]
 */
export function listKubeconfigContexts(files?: string[]): KubeContextInfo[] {
  const { kc, fileOf } = loadKubeconfigFiles(files);
  return kc.contexts.map((c) => ({
    context: c.name,
    cluster: c.cluster,
    server: kc.getCluster(c.cluster)?.server ?? '',
    ...(c.namespace ? { namespace: c.namespace } : {}),
    file: fileOf.get(c.name) ?? '',
  }));
}

/** A KubeConfig holding only `context` (with its cluster and user) as the current context. */
export function kubeConfigForContext(files: string[] | undefined, context: string): KubeConfig {
  const { kc } = loadKubeconfigFiles(files);
  const ctx = kc.getContextObject(context);
  if (!ctx) throw new FleetcheckError('invalid-input', `kubeconfig has no context "${context}"`, { context });
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster)
    throw new FleetcheckError(
      'invalid-input',
      `kubeconfig context "${context}" refers to unknown cluster "${ctx.cluster}"`,
      { context },
    );
  const user = kc.getUser(ctx.user);
  const one = new KubeConfig();
  one.loadFromOptions({
    clusters: [cluster],
    users: user ? [user] : [{ name: ctx.user }],
    contexts: [ctx],
    currentContext: ctx.name,
  });
  return one;
}
