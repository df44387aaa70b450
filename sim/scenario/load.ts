import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { type ResolvedCluster, type Scenario, scenarioSchema } from './schema.ts';

const ISSUE_MAX = 200;
const ISSUES_SHOWN = 3;

/** One printable line of at most ISSUE_MAX characters (control characters escaped as in JSON). */
function oneLine(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"');
  return escaped.length <= ISSUE_MAX ? escaped : `${escaped.slice(0, ISSUE_MAX - 1)}…`;
}

function summarize(issues: string[]): string {
  const more = issues.length > ISSUES_SHOWN ? ` (+${issues.length - ISSUES_SHOWN} more)` : '';
  return `${issues.slice(0, ISSUES_SHOWN).join('; ')}${more}`;
}

/** A scenario that could not be read, parsed or validated: a one-line message naming the first issues. */
export class ScenarioError extends Error {
  readonly code = 'invalid-scenario';
  /** `path: reason`, one printable line each. */
  readonly issues: string[];
  constructor(
    readonly source: string,
    issues: string[],
  ) {
    super(`${source}: invalid scenario: ${summarize(issues.map(oneLine))}`);
    this.issues = issues.map(oneLine);
    this.name = 'ScenarioError';
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(issue.path) || '(root)';
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'type') {
    const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k], input);
    return `${where}: unknown fault "${String(value)}"`;
  }
  return `${where}: ${issue.message}`;
}

/**
 * Parses and validates scenario YAML text.
 * @example parseScenario('version: 1\nclusters: [{name: a}]', 'inline').clusters[0].name // 'a'
 */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    const msg = err instanceof YAMLParseError ? err.message.split('\n')[0] : String(err);
    throw new ScenarioError(source, [`(yaml): ${msg}`]);
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success)
    throw new ScenarioError(
      source,
      parsed.error.issues.map((i) => describeIssue(i, raw)),
    );
  return parsed.data;
}

export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(file, [`(file): ${(err as Error).message}`]);
  }
  return parseScenario(text, file);
}

const withPatch = (v: string) => (v.split('.').length === 2 ? `${v}.0` : v);

/** Applies defaults: node names, kernels per node, cluster ids (1-based position when absent). */
export function resolveClusters(s: Scenario): ResolvedCluster[] {
  const d = s.defaults;
  return s.clusters.map((c, i) => {
    const count = c.nodeNames?.length ?? c.nodes ?? d.nodes;
    const nodeNames = c.nodeNames ?? Array.from({ length: count }, (_, n) => `node-${n + 1}`);
    const kernel = c.kernel ?? d.kernel;
    const perNode = { ...d.kernels, ...c.kernels };
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.config)) config[k] = String(v);
    return {
      name: c.name,
      clusterId: c.clusterId ?? i + 1,
      provider: c.provider ?? d.provider,
      region: c.region ?? d.region,
      account: c.account ?? d.account,
      ciliumVersion: c.ciliumVersion ?? d.ciliumVersion,
      kubernetesVersion: withPatch(c.kubernetesVersion ?? d.kubernetesVersion),
      nodeNames,
      kernels: Object.fromEntries(nodeNames.map((n) => [n, perNode[n] ?? kernel])),
      hubble: c.hubble ?? d.hubble,
      latency: { ...d.latency, ...c.latency },
      labels: { ...d.labels, ...c.labels },
      mesh: c.mesh,
      meshSecretIncludesSelf: c.meshSecretIncludesSelf,
      dualStack: c.dualStack,
      clusterDomain: c.clusterDomain,
      config,
      faults: c.faults,
    };
  });
}
