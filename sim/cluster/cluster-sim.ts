import type { PeerInfo } from '../agent/peer-info.ts';
import { buildAgentView } from '../agent/view.ts';
import { runBusybox } from '../busybox/run.ts';
import type { AgentView } from '../cilium/agent-view.ts';
import type { Fault, ResolvedCluster } from '../scenario/schema.ts';
import { buildWorld, type World } from '../world/model.ts';
import type { EndpointModel } from '../world/objects-cep.ts';
import { type ActiveFault, activeFaults, ofType } from './faults.ts';
import type { ContainerOutput } from './job-objects.ts';
import { JobController } from './jobs.ts';
import { renderCluster } from './render.ts';
import { Stats } from './stats.ts';

/** The namespace probe pods run in (first entry of their DNS search list). */
const PROBE_NAMESPACE = 'fleetcheck-probe';

import { ObjectStore } from './store.ts';

/** The state of one simulated cluster: world model, object store, faults, Jobs, counters. */
export class ClusterSim {
  readonly world: World;
  readonly store = new ObjectStore();
  readonly jobs: JobController;
  readonly stats = new Stats();
  private faults: Fault[];
  private renderedKey = '';
  private managed = new Set<string>();
  private endpoints: EndpointModel[] = [];

  constructor(
    cluster: ResolvedCluster,
    index: number,
    seed: number,
    readonly startMs: number,
    readonly clock: () => number,
    private readonly peerInfo: (name: string) => PeerInfo,
  ) {
    this.world = buildWorld(cluster, index, seed, startMs);
    this.faults = cluster.faults;
    this.jobs = new JobController(this.world, this.store);
    this.jobs.onDeleted = () => this.stats.jobsDeleted++;
    this.sync();
  }

  get name(): string {
    return this.world.cluster.name;
  }

  get allFaults(): Fault[] {
    return this.faults;
  }

  setFaults(faults: Fault[]): void {
    this.faults = faults;
    this.renderedKey = '';
    this.sync();
  }

  /** Faults active now. */
  active(): ActiveFault[] {
    return activeFaults(this.faults, this.startMs, this.clock());
  }

  /** True when an `apiserver-down` fault is active. */
  isDown(): boolean {
    return ofType(this.active(), 'apiserver-down').length > 0;
  }

  /** True when time alone can change this cluster (watchers, live Jobs, fault windows). */
  needsTick(): boolean {
    return (
      this.store.watcherCount > 0 ||
      this.jobs.liveJobs > 0 ||
      this.faults.some((f) => f.after !== undefined || f.until !== undefined)
    );
  }

  /** Brings the store up to date with the clock: fault windows, Job lifecycles. */
  sync(): void {
    const now = this.clock();
    const active = activeFaults(this.faults, this.startMs, now);
    const crash = ofType(active, 'agent-crashloop').length > 0 ? Math.floor(now / 300_000) : 0;
    const key = `${active.map((a) => a.index).join(',')}|${crash}`;
    if (key !== this.renderedKey) {
      this.renderedKey = key;
      const r = renderCluster(this.world, active, now);
      const next = new Set<string>();
      for (const { resource, obj } of r.objects) {
        this.store.put(resource, obj);
        next.add(ObjectStore.key(resource, obj));
      }
      for (const k of this.managed) if (!next.has(k)) this.store.removeKey(k);
      this.managed = next;
      this.endpoints = r.endpoints;
    }
    if (this.jobs.liveJobs > 0) {
      const pending = ofType(active, 'job-pending')[0]?.fault.reason;
      this.jobs.sync({
        nowMs: now,
        jobStartMs: this.world.cluster.latency.jobStartSeconds * 1000,
        pending,
        run: (argv) => probeGarbage(active) ?? runBusybox(argv, this.probeEnv(active)),
      });
    }
  }

  /** What the agent on `node` reports now. */
  agentView(node: string): AgentView {
    const active = this.active();
    return buildAgentView(this.world, node, active, this.endpoints, this.peerInfo, this.clock());
  }

  /** Node name of an agent pod, or undefined when `pod` is not a cilium agent. */
  agentNode(pod: string): string | undefined {
    return this.world.nodes.find((n) => n.agentPod === pod)?.name;
  }

  /** Number of endpoints this cluster exposes to mesh peers. */
  get endpointCount(): number {
    return this.endpoints.length + this.world.nodes.length;
  }

  private probeEnv(active: ActiveFault[]) {
    const dnsFault = ofType(active, 'dns-failure')[0];
    const service =
      ofType(active, 'service-refused').length > 0
        ? 'refused'
        : ofType(active, 'service-timeout').length > 0
          ? 'timeout'
          : 'ok';
    const p = this.world.serviceCIDRPrefix;
    const domain = this.world.cluster.clusterDomain;
    const suffix = `.svc.${domain}`;
    return {
      dns: dnsFault ? dnsFault.fault.mode : 'ok',
      service,
      dnsServer: `${p}.10`,
      search: [`${PROBE_NAMESPACE}.svc.${domain}`, `svc.${domain}`, domain],
      resolve: (name: string): string | undefined => {
        const fqdn = name.replace(/\.$/, '');
        if (!fqdn.endsWith(suffix)) return undefined;
        const [svc, ns, ...rest] = fqdn.slice(0, -suffix.length).split('.');
        if (!svc || !ns || rest.length > 0) return undefined;
        return this.store.get('services', ns, svc)?.spec?.clusterIP;
      },
    } as const;
  }
}

function probeGarbage(active: ActiveFault[]): ContainerOutput | undefined {
  const garbage = ofType(active, 'garbage-output').find((a) => a.fault.command === 'probe')?.fault;
  return garbage && { stdout: garbage.stdout, stderr: garbage.stderr ?? '', exitCode: garbage.exitCode ?? 1 };
}
