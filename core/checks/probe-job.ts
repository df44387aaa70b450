import { isFleetcheckError } from '../errors.ts';
import type { ClusterTarget } from '../fleet/target.ts';
import type { CallOptions, ClusterApi, JobSpec, JobStatus, PodInfo } from '../kube/cluster-api.ts';
import { byCodeUnits } from '../text/compare.ts';
import { redactedPrefix } from '../text/redact.ts';
import type { CheckSettings } from './check.ts';
import {
  PROBE_ACTIVE_DEADLINE_SECONDS,
  PROBE_LABEL,
  PROBE_LABEL_VALUE,
  type ProbeContainerPlan,
  probeContainers,
  probeJobSpec,
} from './probe-job-spec.ts';
import { classifyProbe, type ProbeState } from './probe-verdict.ts';
import { type RunClock, realClock } from './run-clock.ts';

export interface ProbeContainerResult {
  plan: ProbeContainerPlan;
  state: ProbeState;
  exitCode?: number;
  /** First line(s) of the container log. */
  log: string;
}

export type ProbeJobResult =
  | { kind: 'skipped'; message: string; hint: string }
  | { kind: 'pending'; jobName: string; reason: string; message: string }
  | { kind: 'timeout'; jobName: string; message: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'done'; jobName: string; containers: ProbeContainerResult[] };

const PENDING = /Unschedulable|ImagePullBackOff|ErrImagePull|InvalidImageName|CreateContainerConfigError/;

/**
 * The Job's pods are polled every POLL_MS while a probe pod usually runs (its end is seen at most that late), then
 * less and less often up to POLL_MAX_MS for a slow one.
 */
const POLL_MS = 500;
const POLL_STEADY_FOR_MS = 10_000;
const POLL_MAX_MS = 4000;

function finished(job: JobStatus | null): boolean {
  if (!job) return false;
  if (job.conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'))
    return true;
  return job.active === 0 && job.succeeded + job.failed > 0;
}

function pendingReason(pods: PodInfo[]): string | undefined {
  for (const p of pods) {
    if (p.phase !== 'Pending') continue;
    const waiting = p.containers.find((c) => c.state === 'waiting' && c.reason && PENDING.test(c.reason));
    if (waiting?.reason) return waiting.reason;
    if (p.pendingReason && PENDING.test(p.pendingReason)) return p.pendingReason;
  }
  return undefined;
}

/**
 * Deletes this probe's Jobs older than the Job deadline, never `ours()`: the Job this run creates (the list runs
 * beside its create, so it may show it, and a server clock behind ours makes it look old).
 */
async function sweepLeftovers(
  api: ClusterApi,
  ns: string,
  call: CallOptions,
  ours: () => string | undefined,
): Promise<void> {
  const jobs = await api.listJobs(ns, `${PROBE_LABEL}=${PROBE_LABEL_VALUE}`, call);
  const cutoff = Date.now() - PROBE_ACTIVE_DEADLINE_SECONDS * 1000;
  for (const j of jobs) {
    if (j.name === ours()) continue;
    const created = j.createdAt ? Date.parse(j.createdAt) : Number.NaN;
    if (Number.isNaN(created) || created < cutoff) await api.deleteJob(ns, j.name, call);
  }
}

/** The newest pod of the Job; the Job's retries make more than one. */
function newestPod(pods: PodInfo[]): PodInfo | undefined {
  return [...pods].sort((a, b) => byCodeUnits(b.createdAt ?? '', a.createdAt ?? ''))[0];
}

/** The Job's pod has ended: its phase says so, or every probe container has terminated. */
function podEnded(pods: PodInfo[], plans: ProbeContainerPlan[]): boolean {
  const pod = newestPod(pods);
  if (!pod) return false;
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return true;
  return plans.every((plan) => pod.containers.find((c) => c.name === plan.name)?.state === 'terminated');
}

async function readContainers(
  api: ClusterApi,
  ns: string,
  pods: PodInfo[],
  plans: ProbeContainerPlan[],
  call: CallOptions,
): Promise<ProbeContainerResult[]> {
  const pod = newestPod(pods);
  return Promise.all(
    plans.map(async (plan) => {
      const status = pod?.containers.find((c) => c.name === plan.name);
      const exitCode = status?.state === 'terminated' ? status.exitCode : undefined;
      const log = pod ? await api.podLogs(ns, pod.name, plan.name, call).catch(() => '') : '';
      return {
        plan,
        exitCode,
        log: redactedPrefix(log.trim(), 400),
        state: classifyProbe(plan.kind, exitCode, log),
      };
    }),
  );
}

/**
 * Why a create was refused when the probe namespace is missing: the API server answers 404 for a namespace that
 * does not exist, or 403 when the Role granting the create lived in it. The namespace is looked up only then, so a
 * run whose Job is created pays no read for it.
 */
async function missingNamespace(
  api: ClusterApi,
  ns: string,
  error: unknown,
  call: CallOptions,
): Promise<ProbeJobResult | undefined> {
  if (!isFleetcheckError(error, 'not-found') && !isFleetcheckError(error, 'access-denied')) return undefined;
  if (await api.namespaceExists(ns, call).catch(() => true)) return undefined;
  return {
    kind: 'skipped',
    message: `probe namespace "${ns}" does not exist`,
    hint: `Create it and its Role by applying deploy/rbac.yaml (kubectl apply -f deploy/rbac.yaml).`,
  };
}

/**
 * Runs the business probe Job (DNS + service connects, busybox by argv) and always deletes it; its calls are
 * urgent (the run's longest path goes ahead of the cluster's other waiting calls). `domain` rejects when the
 * cluster cannot be talked to: then no Job is created (nor its deadline waited for).
 * Leftovers older than the Job deadline are deleted beside the create; a missing probe namespace gives `skipped`.
 */
export async function runProbeJob(
  api: ClusterApi,
  target: ClusterTarget,
  settings: CheckSettings,
  signal: AbortSignal,
  domain: string | Promise<string>,
  clock: RunClock = realClock,
): Promise<ProbeJobResult> {
  const ns = settings.probeNamespace;
  const call: CallOptions = { signal, urgent: true };
  let ours: string | undefined;
  // The clean-up is no step before the create (which waits only for the cluster domain), nor urgent: the create
  // takes the cluster's warm connection first.
  const leftovers = sweepLeftovers(api, ns, { signal }, () => ours).catch(() => undefined);
  try {
    let job: PolledJob;
    try {
      const plans = probeContainers(target.probeTargets, await domain);
      const spec = probeJobSpec(ns, plans);
      ours = spec.name;
      job = { api, ns, spec, plans, signal, clock, call };
    } catch (error) {
      return { kind: 'error', error };
    }
    return await createAndWait(job, settings.apiDeadlineMs);
  } finally {
    await leftovers;
  }
}

/** Creates the Job, polls it to its end and always deletes it (within `deleteDeadlineMs`, even after an abort). */
async function createAndWait(job: PolledJob, deleteDeadlineMs: number): Promise<ProbeJobResult> {
  const { api, ns, spec, call } = job;
  try {
    try {
      await api.createJob(spec, call);
    } catch (error) {
      return (await missingNamespace(api, ns, error, call)) ?? { kind: 'error', error };
    }
    return await pollUntilEnded(job);
  } catch (error) {
    return { kind: 'error', error };
  } finally {
    await api
      .deleteJob(ns, spec.name, { signal: AbortSignal.timeout(deleteDeadlineMs), urgent: true })
      .catch(() => {});
  }
}

/** A planned probe Job and what its create, polls and clean-up need. */
interface PolledJob {
  api: ClusterApi;
  ns: string;
  spec: JobSpec;
  plans: ProbeContainerPlan[];
  signal: AbortSignal;
  clock: RunClock;
  call: CallOptions;
}

/** Polls the Job (just created) until its pod has ended, it stays Pending, it disappears or its deadline passes. */
async function pollUntilEnded({
  api,
  ns,
  spec,
  plans,
  signal,
  clock,
  call,
}: PolledJob): Promise<ProbeJobResult> {
  const done = async (pods: PodInfo[]): Promise<ProbeJobResult> => ({
    kind: 'done',
    jobName: spec.name,
    containers: await readContainers(api, ns, pods, plans, call),
  });
  const created = clock.now();
  const jobDeadline = created + spec.activeDeadlineSeconds * 1000;
  const deadline = jobDeadline + 10_000;
  let wait = POLL_MS;
  let pendingSeen = 0;
  while (!signal.aborted && clock.now() < deadline) {
    // An abort ends the pause early; the loop condition then sees it.
    await clock.sleep(Math.min(wait, Math.max(0, deadline - clock.now())), signal).catch(() => undefined);
    if (clock.now() - created >= POLL_STEADY_FOR_MS) wait = Math.min(wait * 1.5, POLL_MAX_MS);
    const pods = await api.listJobPods(ns, spec.name, call);
    if (podEnded(pods, plans)) return done(pods);
    // With no retries the Job ends with its one pod before its own deadline, so the Job itself is read only
    // when it has no pod (not made yet, or deleted with it) or once its deadline has passed.
    if (pods.length === 0 || clock.now() >= jobDeadline) {
      const job = await api.getJob(ns, spec.name, call);
      if (!job)
        return {
          kind: 'timeout',
          jobName: spec.name,
          message: `probe Job ${spec.name} disappeared before finishing`,
        };
      // The pods were read before the Job, so they can predate its end; read after it, they show it.
      if (finished(job)) return done(await api.listJobPods(ns, spec.name, call));
    }
    const reason = pendingReason(pods);
    pendingSeen = reason ? pendingSeen + 1 : 0;
    if (reason && pendingSeen >= 2) {
      return {
        kind: 'pending',
        jobName: spec.name,
        reason,
        message: `probe pod stuck Pending (${reason})`,
      };
    }
  }
  return { kind: 'timeout', jobName: spec.name, message: `probe Job ${spec.name} did not finish in time` };
}
