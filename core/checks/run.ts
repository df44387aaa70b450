import { isClusterDown, isFleetcheckError } from '../errors.ts';
import { type Outcome, printableOutcome } from '../outcome.ts';
import type { ClusterRun, RunClusterChecks } from './check.ts';
import { COMPARED_CONFIG_KEYS } from './config-keys.ts';
import type { CheckDefinition } from './definition.ts';
import { evaluateCheck } from './evaluate.ts';
import { ClusterFacts, type FactsTime } from './facts.ts';
import { storedLinks } from './health-links.ts';
import { outcomes } from './outcomes.ts';
import { checkRegistry } from './registry.ts';
import { forCiliumVersion } from './version-hints.ts';

function whenAborted(signal: AbortSignal): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}

async function runOne(
  check: CheckDefinition,
  facts: ClusterFacts,
  aborted: Promise<'aborted'>,
): Promise<Outcome[]> {
  const started = facts.spans.elapsed();
  const work = facts.spans.time('check', check.id, () => evaluateCheck(check, facts));
  const r = await Promise.race([work, aborted]);
  const durationMs = Math.round(facts.spans.elapsed() - started);
  const finished = r === 'aborted' ? [deadlineOutcome(check.id)] : r;
  return finished.map((o) => ({ ...o, durationMs }));
}

function deadlineOutcome(check: string): Outcome {
  return outcomes(check).error(
    'cluster',
    'could not evaluate: the per-cluster deadline expired before this check finished',
    'The cluster answered too slowly (API latency, hanging agents): see the other results; raise the cluster deadline if this is normal.',
    { evidence: { code: 'timeout' } },
  );
}

/**
 * Starts what the longest paths of the run wait on before the first read decides whether the cluster answers at
 * all, longest first: the business probe Job (seconds of pod start), then the reads the agent execs need. REST
 * calls of a cluster share a few connections (`restConnections`), so this order is the order they are sent in, and
 * the run costs about the probe Job's start rather than the Job after every read.
 */
function startCriticalPaths(facts: ClusterFacts): Promise<unknown>[] {
  const { layers, runBusiness } = facts.settings;
  const started: Promise<unknown>[] = [];
  if (runBusiness && layers.includes('business')) started.push(facts.probeJob());
  started.push(facts.agentPods(), facts.nodes(), facts.daemonSet());
  return started;
}

/**
 * A cluster runner on the given clock; `sleep` is what node.endpoints.state's settle wait does (default: the
 * clock's), so a test can change the cluster while the check waits.
 * @example runSweep({ targets, runChecks: clusterChecksRunner({ clock: virtualClock(), sleep: async () => rollOut() }) })
 */
export function clusterChecksRunner(time: FactsTime = {}): RunClusterChecks {
  return (api, target, settings, signal) =>
    runClusterChecksWith(new ClusterFacts(api, target, settings, signal, time));
}

/**
 * Runs every check of the enabled layers against one cluster, sharing one fact collector; never throws for an
 * unhealthy, unreachable or slow cluster (results finished before `signal` aborts are kept).
 * @example const run = await runClusterChecks(api, target, defaultCheckSettings, AbortSignal.timeout(90_000));
 */
export const runClusterChecks: RunClusterChecks = clusterChecksRunner();

async function runClusterChecksWith(facts: ClusterFacts): Promise<ClusterRun> {
  const { target, settings, signal } = facts;
  const base: ClusterRun = {
    name: target.name,
    results: [],
    labels: target.labels,
    provider: target.provider,
  };
  if (target.region) base.region = target.region;
  if (target.account) base.account = target.account;
  const started = startCriticalPaths(facts);
  try {
    await facts.nodes();
  } catch (err) {
    if (isClusterDown(err)) {
      await Promise.allSettled(started);
      const message = err instanceof Error ? err.message : String(err);
      return {
        ...base,
        error: { code: isFleetcheckError(err) ? err.code : 'internal', message },
        timings: { spans: facts.spans.spans() },
      };
    }
  }
  const aborted = whenAborted(signal);
  const checks = checkRegistry.filter((c) => settings.layers.includes(c.layer));
  const results = (await Promise.all(checks.map((c) => runOne(c, facts, aborted)))).flat();
  const run: ClusterRun = { ...base, results };
  const [version, config] = await Promise.all([
    facts.ciliumVersion().catch(() => undefined),
    facts.ciliumConfig().catch(() => null),
  ]);
  if (version) run.ciliumVersion = version;
  run.results = forCiliumVersion(results, version).map(printableOutcome);
  if (config) {
    run.config = Object.fromEntries(
      COMPARED_CONFIG_KEYS.flatMap((k) => (config[k] !== undefined ? [[k, config[k]]] : [])),
    );
    const id = Number(config['cluster-id']);
    if (config['cluster-id'] !== undefined && Number.isInteger(id)) run.clusterId = id;
  }
  if (!signal.aborted && (settings.layers.includes('node') || settings.layers.includes('config'))) {
    run.healthLinks = storedLinks(await facts.healthLinks().catch(() => []));
  }
  if (!signal.aborted && (settings.layers.includes('mesh') || settings.layers.includes('config'))) {
    const mesh = await facts.meshViews().catch(() => undefined);
    if (mesh) run.mesh = mesh;
  }
  run.timings = { spans: facts.spans.spans() };
  return run;
}
