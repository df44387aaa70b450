import type { World } from '../world/model.ts';
import { hash32, uuidFrom } from '../world/rng.ts';
import type { KObject } from '../world/types.ts';
import { type ContainerOutput, type JobRecord, jobPod, jobWithStatus, lifecycleKey } from './job-objects.ts';
import type { ObjectStore } from './store.ts';

/** Runs one probe container's argv (the busybox runner with the cluster's current probe env). */
type ContainerRunner = (argv: string[]) => ContainerOutput;

export interface JobTick {
  nowMs: number;
  jobStartMs: number;
  pending?: 'Unschedulable' | 'ImagePullBackOff';
  run: ContainerRunner;
}

const key = (ns: string, name: string) => `${ns}/${name}`;

/** A minimal Job controller: one pod per Job, no retries, deadlines and TTL honoured. */
export class JobController {
  private readonly jobs = new Map<string, JobRecord>();
  /** Called on every Job deletion (API or TTL). */
  onDeleted: () => void = () => {};

  constructor(
    private readonly world: World,
    private readonly store: ObjectStore,
  ) {}

  get liveJobs(): number {
    return this.jobs.size;
  }

  has(ns: string, name: string): boolean {
    return this.jobs.has(key(ns, name));
  }

  /** Registers a Job (already validated: has metadata.name) and creates its pod. */
  create(ns: string, body: KObject, nowMs: number): KObject {
    const name = body.metadata.name;
    const uid = uuidFrom(this.world.rng);
    const tplLabels = {
      ...(body.spec?.template?.metadata?.labels ?? {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    const job: KObject = {
      ...body,
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        ...body.metadata,
        namespace: ns,
        uid,
        generation: 1,
        creationTimestamp: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        labels: {
          ...(body.metadata.labels ?? {}),
          'batch.kubernetes.io/controller-uid': uid,
          'batch.kubernetes.io/job-name': name,
          'controller-uid': uid,
          'job-name': name,
        },
      },
      spec: {
        parallelism: 1,
        completions: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        manualSelector: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        ...body.spec,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        template: {
          ...body.spec?.template,
          metadata: { ...body.spec?.template?.metadata, labels: tplLabels },
        },
      },
    };
    const h = hash32(`${ns}/${name}/${nowMs}`);
    const node = this.world.nodes[h % this.world.nodes.length] ?? this.world.nodes[0];
    const rec: JobRecord = {
      job,
      createdMs: nowMs,
      podName: `${name}-${this.world.rng.suffix(5)}`,
      podUid: uuidFrom(this.world.rng),
      nodeName: node?.name ?? 'node-1',
      hostIP: node?.ip ?? '10.0.0.1',
      podIP: node ? node.podCIDR.replace(/0\/24$/, String(2 + (h % 250))) : '10.0.0.2',
    };
    this.jobs.set(key(ns, name), rec);
    rec.storedKey = lifecycleKey(rec);
    const stored = this.store.put('jobs', jobWithStatus(rec));
    this.store.put('pods', jobPod(rec, this.world.nodes.length));
    return stored;
  }

  /** Deletes a Job; its pod too unless the policy is Orphan (the batch/v1 REST default). */
  delete(ns: string, name: string, policy: string | undefined): KObject | undefined {
    const rec = this.jobs.get(key(ns, name));
    if (!rec) return undefined;
    this.jobs.delete(key(ns, name));
    this.onDeleted();
    const gone = this.store.remove('jobs', ns, name);
    if ((policy === 'Background' || policy === 'Foreground') && !rec.podDeleted)
      this.store.remove('pods', ns, rec.podName);
    return gone;
  }

  /** Container logs of a Job pod (stdout then stderr), or undefined when not a Job pod / not run. */
  logs(
    ns: string,
    pod: string,
    container: string | undefined,
  ): { found: boolean; text?: string; containers: string[] } {
    for (const rec of this.jobs.values()) {
      if (rec.podName !== pod || rec.job.metadata.namespace !== ns) continue;
      const names = ((rec.job.spec?.template?.spec?.containers ?? []) as { name: string }[]).map(
        (c) => c.name,
      );
      const i = container ? names.indexOf(container) : 0;
      const out = rec.outputs?.[i];
      return { found: true, text: out ? out.stdout + out.stderr : undefined, containers: names };
    }
    return { found: false, containers: [] };
  }

  /** Advances every Job to `tick.nowMs`. */
  sync(tick: JobTick): void {
    for (const [k, rec] of this.jobs) {
      const startAt = rec.createdMs + tick.jobStartMs;
      if (rec.finishedMs === undefined) {
        const deadline = rec.job.spec?.activeDeadlineSeconds as number | undefined;
        if (deadline !== undefined && tick.nowMs >= rec.createdMs + deadline * 1000) {
          rec.finishedMs = rec.createdMs + deadline * 1000;
          rec.failure = {
            reason: 'DeadlineExceeded',
            message: 'Job was active longer than specified deadline',
          };
          rec.podDeleted = true;
          this.store.remove('pods', rec.job.metadata.namespace, rec.podName);
        } else if (tick.pending) {
          rec.pending = tick.pending;
        } else if (tick.nowMs >= startAt) {
          rec.pending = undefined;
          rec.startedMs = Math.max(startAt, rec.createdMs);
          const containers = (rec.job.spec?.template?.spec?.containers ?? []) as {
            command?: string[];
            args?: string[];
          }[];
          rec.outputs = containers.map((c) => tick.run([...(c.command ?? []), ...(c.args ?? [])]));
          rec.finishedMs = tick.nowMs;
          if (rec.outputs.some((o) => o.exitCode !== 0))
            rec.failure = {
              reason: 'BackoffLimitExceeded',
              message: 'Job has reached the specified backoff limit',
            };
        }
      }
      const ttl = rec.job.spec?.ttlSecondsAfterFinished as number | undefined;
      if (rec.finishedMs !== undefined && ttl !== undefined && tick.nowMs >= rec.finishedMs + ttl * 1000) {
        this.delete(rec.job.metadata.namespace ?? 'default', rec.job.metadata.name, 'Background');
        this.jobs.delete(k);
        continue;
      }
      const key = lifecycleKey(rec);
      if (key === rec.storedKey) continue;
      rec.storedKey = key;
      this.store.put('jobs', jobWithStatus(rec));
      if (!rec.podDeleted) this.store.put('pods', jobPod(rec, this.world.nodes.length));
    }
  }
}
