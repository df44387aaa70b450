import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
// js-yaml, as client-node used: the yaml package takes about 5x longer on a 200-context kubeconfig.
import { load as parseYaml } from 'js-yaml';
import { FleetcheckError } from '../errors.ts';
import { printableLine } from '../printable.ts';
import {
  type KubeconfigCluster,
  type KubeconfigContext,
  type KubeconfigUser,
  kubeconfigSchema,
} from './kubeconfig-schema.ts';

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

/** An entry of a kubeconfig file and the directory relative paths in it start from. */
interface FromFile<T> {
  entry: T;
  file: string;
}

/** Kubeconfig files merged: on duplicate cluster, user or context names the first file wins (like kubectl). */
export interface MergedKubeconfig {
  clusters: Map<string, FromFile<KubeconfigCluster>>;
  users: Map<string, FromFile<KubeconfigUser>>;
  contexts: Map<string, FromFile<KubeconfigContext>>;
  currentContext: string;
}

const cache = new Map<string, MergedKubeconfig>();

function readKubeconfig(file: string) {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new FleetcheckError('invalid-input', `kubeconfig ${file}: ${unreadableReason(err)}`, { file });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new FleetcheckError(
      'invalid-input',
      `kubeconfig ${file}: empty or not a kubeconfig (expected a YAML mapping with clusters, users and contexts)`,
      { file },
    );
  const parsed = kubeconfigSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = (issue?.path ?? [])
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('');
    throw new FleetcheckError(
      'invalid-input',
      `kubeconfig ${file}: ${where.replace(/^\./, '') || 'document'} ${printableLine(issue?.message ?? 'is invalid', 120)}`,
      { file },
    );
  }
  return parsed.data;
}

/**
 * Loads and merges kubeconfig files; on duplicate cluster/user/context names the first file wins.
 * Throws `invalid-input` naming the file when one cannot be read or parsed.
 */
function loadKubeconfigFiles(files?: string[]): MergedKubeconfig {
  const list = kubeconfigFiles(files);
  const key = list.map((f) => `${f}@${mtimeOf(f)}`).join('\n');
  const hit = cache.get(key);
  if (hit) return hit;
  const merged: MergedKubeconfig = {
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
    currentContext: '',
  };
  for (const file of list) {
    const doc = readKubeconfig(file);
    if (!merged.currentContext && doc['current-context']) merged.currentContext = doc['current-context'];
    for (const entry of doc.clusters ?? [])
      if (!merged.clusters.has(entry.name)) merged.clusters.set(entry.name, { entry, file });
    for (const entry of doc.users ?? [])
      if (!merged.users.has(entry.name)) merged.users.set(entry.name, { entry, file });
    for (const entry of doc.contexts ?? [])
      if (!merged.contexts.has(entry.name)) merged.contexts.set(entry.name, { entry, file });
  }
  cache.set(key, merged);
  return merged;
}

/** Why a kubeconfig could not be read, in one sanitised line. */
function unreadableReason(err: unknown): string {
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
  const kc = loadKubeconfigFiles(files);
  return [...kc.contexts.values()].map(({ entry, file }) => ({
    context: entry.name,
    cluster: entry.context.cluster,
    server: kc.clusters.get(entry.context.cluster)?.entry.cluster.server ?? '',
    ...(entry.context.namespace ? { namespace: entry.context.namespace } : {}),
    file,
  }));
}

/** One context's cluster and user, with the directories their relative paths start from. */
export interface ContextEntries {
  context: string;
  cluster: KubeconfigCluster;
  clusterDir: string;
  user: KubeconfigUser;
  userDir: string;
}

/** The cluster and user of `context` in the kubeconfig files. */
export function contextEntries(files: string[] | undefined, context: string): ContextEntries {
  const kc = loadKubeconfigFiles(files);
  const ctx = kc.contexts.get(context)?.entry;
  if (!ctx) throw new FleetcheckError('invalid-input', `kubeconfig has no context "${context}"`, { context });
  const cluster = kc.clusters.get(ctx.context.cluster);
  if (!cluster)
    throw new FleetcheckError(
      'invalid-input',
      `kubeconfig context "${context}" refers to unknown cluster "${ctx.context.cluster}"`,
      { context },
    );
  const userName = ctx.context.user ?? '';
  const user = kc.users.get(userName);
  return {
    context,
    cluster: cluster.entry,
    clusterDir: dirname(cluster.file),
    user: user?.entry ?? { name: userName },
    userDir: user ? dirname(user.file) : '',
  };
}
