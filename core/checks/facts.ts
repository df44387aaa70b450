import { agentBinary } from '../cilium/binary.ts';
import { type HealthStatus, parseHealthJson } from '../cilium/health-json.ts';
import { agentVersionFromStatus, parseStatusJson, type StatusResponse } from '../cilium/status-json.ts';
import { versionFromImage } from '../cilium/version-text.ts';
import { isClusterDown } from '../errors.ts';
import type { ClusterTarget } from '../fleet/target.ts';
import type { ClusterApi, PodInfo } from '../kube/cluster-api.ts';
import type { MeshView } from '../sweep/report.ts';
import { AgentExecutor, type AgentOutput } from './agent-exec.ts';
import type { CheckSettings } from './check.ts';
import { type ClusterDomain, clusterDomain } from './cluster-domain.ts';
import { type HealthLink, healthLinks } from './health-links.ts';
import { hints } from './hints.ts';
import { configuredPeers, meshViews } from './mesh-views.ts';
import { type ProbeJobResult, runProbeJob } from './probe-job.ts';
import { type RunClock, realClock, type Sleep } from './run-clock.ts';
import { sampleAgentPods } from './sampling.ts';
import { SpanRecorder } from './span-recorder.ts';

const KS = 'kube-system';

/** The Cilium version of the first agent pod whose `cilium-agent` image names one. */
function podsImageVersion(pods: PodInfo[]): string | undefined {
  for (const p of pods) {
    const img = p.containers.find((c) => c.name === 'cilium-agent')?.image;
    const v = img ? versionFromImage(img) : undefined;
    if (v) return v;
  }
  return undefined;
}

/** Not-ready endpoints named per read: enough to tell the endpoints of two reads apart, still bounded memory. */
const ENDPOINT_SAMPLE = 500;

/** The time a run sees, and the wait a check takes before it re-reads (tests decide what happens meanwhile). */
export interface FactsTime {
  clock?: RunClock;
  /** The settle wait of node.endpoints.state (default: the clock's sleep). */
  sleep?: Sleep;
}

/**
 * Everything the checks read about one cluster, gathered once and shared (each getter is memoized,
 * failures included): one list/get per object, one exec per sampled agent per command.
 */
export class ClusterFacts {
  private readonly memo = new Map<string, Promise<unknown>>();
  private executor?: AgentExecutor;
  readonly clock: RunClock;
  readonly sleep: Sleep;
  readonly spans: SpanRecorder;

  constructor(
    readonly api: ClusterApi,
    readonly target: ClusterTarget,
    readonly settings: CheckSettings,
    readonly signal: AbortSignal,
    time: FactsTime = {},
  ) {
    this.clock = time.clock ?? realClock;
    this.sleep = time.sleep ?? this.clock.sleep;
    this.spans = new SpanRecorder(this.clock.now);
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      p.catch(() => {});
      this.memo.set(key, p);
    }
    return p;
  }

  /** A memoized API read, timed as one `api` span. */
  private read<T>(key: string, name: string, load: () => Promise<T>): Promise<T> {
    return this.once(key, () => this.spans.time('api', name, load));
  }

  private get opts() {
    return { signal: this.signal };
  }

  nodes = () => this.read('nodes', 'list nodes', () => this.api.listNodes(this.opts));
  agentPods = () =>
    this.read('agentPods', 'list cilium pods', () => this.api.listPods(KS, 'k8s-app=cilium', this.opts));
  daemonSet = () =>
    this.read('ds', 'get DaemonSet cilium', () => this.api.getDaemonSet(KS, 'cilium', this.opts));
  operator = () =>
    this.read('operator', 'get Deployment cilium-operator', () =>
      this.api.getDeployment(KS, 'cilium-operator', this.opts),
    );
  relay = () =>
    this.read('relay', 'get Deployment hubble-relay', () =>
      this.api.getDeployment(KS, 'hubble-relay', this.opts),
    );
  ciliumConfig = () =>
    this.read('config', 'get ConfigMap cilium-config', () =>
      this.api.getConfigMap(KS, 'cilium-config', this.opts),
    );
  meshSecret = () =>
    this.read('meshSecret', 'get Secret cilium-clustermesh', () =>
      this.api.getSecret(KS, 'cilium-clustermesh', this.opts),
    );
  endpoints = () =>
    this.read('ceps', 'list CiliumEndpoints', () =>
      this.api.summarizeCiliumEndpoints({ ...this.opts, sampleSize: ENDPOINT_SAMPLE }),
    );
  /** A fresh CiliumEndpoint summary (not memoized), for re-reading after a wait. */
  endpointsNow = () =>
    this.spans.time('api', 'list CiliumEndpoints again', () =>
      this.api.summarizeCiliumEndpoints({ ...this.opts, sampleSize: ENDPOINT_SAMPLE }),
    );

  /** Sampled agent pods (see {@link sampleAgentPods}). */
  sampled = () =>
    this.once('sampled', async (): Promise<PodInfo[]> => {
      const pods = await this.agentPods();
      return sampleAgentPods(pods, this.settings.sampleAgents, this.settings.full);
    });

  /** The Cilium version from the DaemonSet image, else from agent pod images; undefined if unknown. */
  imageVersion = () =>
    this.once('imageVersion', async (): Promise<string | undefined> => {
      const ds = await this.daemonSet().catch(() => null);
      const fromDs = ds?.images.map(versionFromImage).find((v) => v);
      return fromDs ?? podsImageVersion(await this.agentPods().catch(() => []));
    });

  /** The running Cilium version: image tag, else what a sampled agent reports. */
  ciliumVersion = () =>
    this.once('ciliumVersion', async (): Promise<string | undefined> => {
      const fromImage = await this.imageVersion();
      if (fromImage) return fromImage;
      const statuses = await this.agentStatus().catch(() => []);
      for (const s of statuses) if (s.kind === 'ok') return agentVersionFromStatus(s.value);
      return undefined;
    });

  /**
   * The executor of agent commands. Its binary follows the Cilium version of the agent pods' images, the ones the
   * commands run in (the DaemonSet's only when no pod image names a version), so the execs start on the agent
   * list alone instead of waiting for another read.
   */
  private async exec(): Promise<AgentExecutor> {
    if (!this.executor) {
      const pods = await this.agentPods().catch(() => []);
      const version = podsImageVersion(pods) ?? (await this.imageVersion());
      this.executor ??= new AgentExecutor(
        this.api,
        agentBinary(version),
        this.settings.execConcurrency,
        this.settings.execDeadlineMs,
        this.signal,
      );
    }
    return this.executor;
  }

  /** `cilium-dbg status -o json` on every sampled agent. */
  agentStatus = () =>
    this.once('agentStatus', async (): Promise<AgentOutput<StatusResponse>[]> => {
      const [pods, ex] = await Promise.all([this.sampled(), this.exec()]);
      return this.spans.time('exec', `agent status × ${pods.length}`, () =>
        Promise.all(
          pods.map((p) =>
            ex.run(p, {
              argv: (b) => [b, 'status', '-o', 'json'],
              parse: parseStatusJson,
              hangHint: hints.agentHang,
            }),
          ),
        ),
      );
    });

  /** `cilium-health status -o json` (with `--probe` when asked) on every sampled agent. */
  agentHealth = () =>
    this.once('agentHealth', async (): Promise<AgentOutput<HealthStatus>[]> => {
      const config = await this.ciliumConfig().catch(() => null);
      if (config?.['enable-health-checking'] === 'false') return [];
      const [pods, ex] = await Promise.all([this.sampled(), this.exec()]);
      const argv = [
        'cilium-health',
        'status',
        '-o',
        'json',
        ...(this.settings.healthProbe ? ['--probe'] : []),
      ];
      return this.spans.time('exec', `cilium-health status × ${pods.length}`, () =>
        Promise.all(
          pods.map((p) =>
            ex.run(p, {
              argv: () => argv,
              parse: parseHealthJson,
              hangHint:
                'cilium-health did not answer in time: the health daemon in the agent is stuck or probing a very large ' +
                'cluster synchronously; check the agent log and `cilium-dbg status` ("Cilium health daemon").',
            }),
          ),
        ),
      );
    });

  /** The node → node paths of every sampled agent's cilium-health answer (see {@link healthLinks}). */
  healthLinks = () =>
    this.once(
      'healthLinks',
      async (): Promise<HealthLink[]> =>
        healthLinks(await this.agentHealth(), await this.knownCiliumClusterName()),
    );

  /**
   * The local Cilium cluster-name (cilium-config `cluster-name`, `default` when unset as in Cilium); the fleet name
   * stands in when cilium-config cannot be read.
   */
  ciliumClusterName = () =>
    this.once(
      'ciliumClusterName',
      async (): Promise<string> => (await this.knownCiliumClusterName()) ?? this.target.name,
    );

  /** cilium-config `cluster-name` (`default` when unset), or undefined when cilium-config cannot be read. */
  knownCiliumClusterName = () =>
    this.once('knownCiliumClusterName', async (): Promise<string | undefined> => {
      const config = await this.ciliumConfig().catch(() => undefined);
      if (config === undefined) return undefined;
      return config?.['cluster-name'] ?? 'default';
    });

  /**
   * Configured mesh peers: `cilium-clustermesh` secret keys holding `endpoints:` ∪ the target's expected peers,
   * without the local cluster (its own entry in a shared list is ignored by the agents, see {@link configuredPeers}).
   */
  configuredPeers = () =>
    this.once('configuredPeers', async (): Promise<string[]> => {
      const [secret, own] = await Promise.all([this.meshSecret(), this.ciliumClusterName()]);
      const expected = this.target.expectedPeers.filter((p) => p !== own && p !== this.target.name);
      return [...new Set([...configuredPeers(secret, own), ...expected])].sort();
    });

  /** Per-peer mesh views from the configured set and what the sampled agents report. */
  meshViews = () =>
    this.once(
      'meshViews',
      async (): Promise<MeshView[]> => meshViews(await this.configuredPeers(), await this.agentStatus()),
    );

  /** The CoreDNS ConfigMap (null when it cannot be read), or the error when the cluster cannot be talked to. */
  private coredns = () =>
    this.once('coredns', async (): Promise<{ data: Record<string, string> | null } | { down: unknown }> => {
      try {
        const data = await this.spans.time('api', 'get ConfigMap coredns', () =>
          this.api.getConfigMap(KS, 'coredns', { ...this.opts, urgent: true }),
        );
        return { data };
      } catch (err) {
        return isClusterDown(err) ? { down: err } : { data: null };
      }
    });

  /** The cluster DNS domain, from the CoreDNS Corefile (`kubernetes <domain> ...`), else `cluster.local`. */
  clusterDomain = () =>
    this.once('clusterDomain', async (): Promise<ClusterDomain> => {
      const read = await this.coredns();
      return clusterDomain('data' in read ? read.data : null);
    });

  /** The domain the probe Job's names are resolved in; rejects when the cluster cannot be talked to. */
  private probeDomain = async (): Promise<string> => {
    const read = await this.coredns();
    if ('down' in read) throw read.down;
    return clusterDomain(read.data).domain;
  };

  /** The business probe Job, run once for both business checks. */
  probeJob = () =>
    this.once(
      'probeJob',
      (): Promise<ProbeJobResult> =>
        this.spans.time('job', 'business probe Job', () =>
          runProbeJob(this.api, this.target, this.settings, this.signal, this.probeDomain(), this.clock),
        ),
    );
}
