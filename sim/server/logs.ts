import type { ClusterSim } from '../cluster/cluster-sim.ts';
import type { KObject } from '../world/types.ts';
import { failure, type StatusBody } from './status.ts';

function agentLog(cluster: ClusterSim, pod: KObject): string {
  const t = pod.metadata.creationTimestamp;
  const v = cluster.world.cluster.ciliumVersion;
  return [
    `time="${t}" level=info msg="Cilium ${v} ${cluster.world.commit} go version go1.23.4 linux/amd64" subsys=daemon`,
    `time="${t}" level=info msg="Envoy: Starting xDS gRPC server listening on /var/run/cilium/envoy/sockets/xds.sock" subsys=envoy-manager`,
    `time="${t}" level=info msg="Daemon initialization completed" bootstrapTime=6.213487133s subsys=daemon`,
    `time="${t}" level=info msg="Serving cilium health API at unix:///var/run/cilium/health.sock" subsys=health-server`,
    '',
  ].join('\n');
}

/** Log text of one container, or a Status error the way the apiserver/kubelet reports it. */
export function podLogs(
  cluster: ClusterSim,
  pod: KObject,
  container: string | null,
): { text: string } | { error: StatusBody } {
  const names = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  const init = ((pod.spec?.initContainers ?? []) as { name: string }[]).map((c) => c.name);
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  if (!container && names.length > 1)
    return {
      error: failure(
        400,
        `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`,
      ),
    };
  const c = container ?? names[0] ?? '';
  if (!names.includes(c) && !init.includes(c))
    return { error: failure(400, `container ${c} is not valid for pod ${name}`) };
  const status = (
    (pod.status?.containerStatuses ?? []) as { name: string; state?: { waiting?: { reason?: string } } }[]
  ).find((s) => s.name === c);
  const waiting =
    status?.state?.waiting?.reason ?? (pod.status?.phase === 'Pending' ? 'ContainerCreating' : undefined);
  const job = cluster.jobs.logs(ns, name, c);
  if (job.found) {
    if (job.text === undefined)
      return {
        error: failure(
          400,
          `container "${c}" in pod "${name}" is waiting to start: ${waiting ?? 'ContainerCreating'}`,
        ),
      };
    return { text: job.text };
  }
  if (waiting && waiting !== 'CrashLoopBackOff')
    return { error: failure(400, `container "${c}" in pod "${name}" is waiting to start: ${waiting}`) };
  if (c === 'cilium-agent') return { text: agentLog(cluster, pod) };
  return { text: '' };
}
