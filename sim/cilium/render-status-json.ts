import { createHash } from 'node:crypto';
import type { AgentView, CommandResult, ControllerView, MeshPeerView } from './agent-view.ts';
import { goJson } from './go-json.ts';
import {
  ciliumMessage,
  identityRange,
  ipamStatus,
  k8sApis,
  kubernetesMessage,
  routerIP,
} from './status-values.ts';
import { atLeast } from './version.ts';

const ZERO_TIME = '0001-01-01T00:00:00.000Z';

const uuids = new Map<string, string>();

/** Stable pseudo-UUID derived from `seed`, a controller's name (controllers carry one in the real model). */
function stableUuid(seed: string): string {
  let uuid = uuids.get(seed);
  if (uuid === undefined) {
    const h = createHash('sha256').update(seed).digest('hex');
    uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    uuids.set(seed, uuid);
  }
  return uuid;
}

const isEmpty = (v: unknown) =>
  v === false || v === 0 || v === '' || v === undefined || (Array.isArray(v) && v.length === 0);

/** Removes keys whose value Go's `omitempty` would drop (false, 0, "", empty slice, undefined). */
function omitEmpty(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => !isEmpty(v)));
}

function controller(view: AgentView, c: ControllerView) {
  const failing = c.failureMessage !== undefined && c.failureMessage !== '';
  const now = view.now.toISOString();
  const status = omitEmpty({
    'consecutive-failure-count': failing ? (c.failureCount ?? 1) : 0,
    'failure-count': failing ? (c.failureCount ?? 1) : 0,
    'last-failure-msg': failing ? c.failureMessage : '',
    'last-failure-timestamp': failing ? now : ZERO_TIME,
    'last-success-timestamp': failing ? ZERO_TIME : now,
    'success-count': failing ? 0 : 42,
  });
  return {
    configuration: { 'error-retry': true, interval: '1m0s' },
    name: c.name,
    status,
    uuid: stableUuid(c.name),
  };
}

function remoteCluster(p: MeshPeerView) {
  const config = p.connected
    ? { 'cluster-id': p.clusterId ?? 0, required: true, retrieved: true, 'sync-canaries': true }
    : { required: true };
  const synced = omitEmpty({ endpoints: p.ready, identities: p.ready, nodes: p.ready, services: p.ready });
  return omitEmpty({
    config,
    connected: p.connected,
    'last-failure': p.lastFailure ? p.lastFailure.toISOString() : ZERO_TIME,
    name: p.name,
    'num-endpoints': p.numEndpoints,
    'num-failures': p.numFailures,
    'num-identities': p.numIdentities,
    'num-nodes': p.numNodes,
    'num-shared-services': p.numServices,
    ready: p.ready,
    status: p.status,
    synced,
  });
}

/**
 * ClusterMeshStatus: present whenever `--clustermesh-config` is set (Helm always sets it); `clusters` has no
 * `omitempty`, so no peer = `null`; `num-global-services` 0 is omitted (and the field is gone in 1.19).
 */
function clusterMesh(view: AgentView) {
  return { clusters: view.mesh.length > 0 ? view.mesh.map((p) => remoteCluster(p)) : null };
}

/** K8sStatus: `k8s-api-versions` has no `omitempty`; an agent that lost the API server sends it nil (`null`). */
function kubernetes(view: AgentView) {
  const failed = view.kubernetes.state === 'Failure';
  return {
    'k8s-api-versions': failed ? null : k8sApis(),
    msg: kubernetesMessage(view),
    state: view.kubernetes.state,
  };
}

/**
 * `cilium-dbg status -o json`: the StatusResponse model (omitempty semantics, keys in go-swagger order). The status
 * API fills only `cluster.self`, so `cluster.nodes` is always `null`. Exit 0 always.
 */
export function renderStatusJson(view: AgentView): CommandResult {
  const self = `${view.clusterName}/${view.nodeName}`;
  const range = identityRange(view);
  const h = view.hubble;
  const body = omitEmpty({
    'attach-mode': atLeast(view.version, 1, 16) ? 'tcx' : undefined,
    'bandwidth-manager': { congestionControl: 'cubic', devices: ['eth0'], enabled: false },
    cilium: { msg: ciliumMessage(view), state: view.cilium.state },
    'client-id': 1,
    cluster: {
      ciliumHealth: omitEmpty({ msg: view.health.msg, state: view.health.state }),
      nodes: null,
      self,
    },
    'cluster-mesh': clusterMesh(view),
    'cni-chaining': { mode: 'none' },
    'cni-file': { msg: '/host/etc/cni/net.d/05-cilium.conflist', state: 'Ok' },
    controllers: view.controllers.map((c) => controller(view, c)),
    'datapath-mode': 'veth',
    encryption: { mode: 'Disabled' },
    'host-firewall': { mode: 'Disabled' },
    hubble: h.enabled
      ? omitEmpty({
          msg: h.msg,
          observer: {
            'current-flows': h.currentFlows,
            'max-flows': h.maxFlows,
            'seen-flows': h.currentFlows * 25,
            uptime: '1h0m0s',
          },
          state: h.state,
        })
      : { state: 'Disabled' },
    'identity-range': { 'max-identity': range.max, 'min-identity': range.min },
    ipam: { status: ipamStatus(view) },
    'kube-proxy-replacement': { mode: view.kubeProxyReplacement ? 'True' : 'False' },
    kubernetes: kubernetes(view),
    kvstore: omitEmpty({ msg: view.kvstore.msg, state: view.kvstore.state }),
    masquerading: { enabled: true, mode: 'IPTables' },
    nodeMonitor: { cpus: view.cpus, npages: 64, pagesize: 4096 },
    proxy: { 'envoy-deployment-mode': 'embedded', ip: routerIP(view), 'port-range': '10000-20000' },
    routing: {
      'inter-host-routing-mode': view.routingMode === 'tunnel' ? 'Tunnel' : 'Native',
      'intra-host-routing-mode': 'Legacy',
      'tunnel-protocol': view.tunnelProtocol,
    },
  });
  return { stdout: goJson(body), stderr: '', exitCode: 0 };
}
