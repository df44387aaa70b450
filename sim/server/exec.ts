import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { commandKind, runAgentCommand } from '../cilium/commands.ts';
import type { ClusterSim } from '../cluster/cluster-sim.ts';
import { appliesTo, ofType } from '../cluster/faults.ts';
import type { KObject } from '../world/types.ts';
import { failure, rawStatusResponse, type StatusBody } from './status.ts';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** Shared WebSocket server (noServer) picking v5, else v4, of the offered subprotocols. */
export function createExecWss(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
}

const frame = (ch: number, data: string | Buffer = ''): Buffer =>
  Buffer.concat([Buffer.from([ch]), Buffer.isBuffer(data) ? data : Buffer.from(data)]);

/** The channel-3 Status for an exit code (Success, or NonZeroExitCode with an ExitCode cause). */
function exitStatus(code: number): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: command terminated with exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** containerd's answer for a binary that is not in the image. */
function notFoundStatus(bin: string, execId: string): StatusBody {
  return failure(
    500,
    `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${bin}": executable file not found in $PATH: unknown`,
  );
}

export interface ExecTarget {
  ns: string;
  pod: string;
  query: URLSearchParams;
}

/** Checks before the upgrade; returns a Status to refuse with, or the pod + container. */
export function admitExec(
  cluster: ClusterSim,
  t: ExecTarget,
  user: string,
): { refuse: StatusBody } | { pod: KObject; container: string } {
  if (ofType(cluster.active(), 'exec-forbidden').length > 0) {
    return {
      refuse: failure(
        403,
        `pods "${t.pod}" is forbidden: User "${user}" cannot get resource "pods/exec" in API group "" in the namespace "${t.ns}"`,
        { name: t.pod, kind: 'pods' },
      ),
    };
  }
  const pod = cluster.store.get('pods', t.ns, t.pod);
  if (!pod) return { refuse: failure(404, `pods "${t.pod}" not found`, { name: t.pod, kind: 'pods' }) };
  const names = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  const container =
    t.query.get('container') ||
    pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ||
    names[0] ||
    '';
  if (!names.includes(container))
    return { refuse: failure(400, `container ${container} is not valid for pod ${t.pod}`) };
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    return {
      refuse: failure(400, `cannot exec into a container in a completed pod; current phase is ${phase}`),
    };
  if (!pod.spec?.nodeName) return { refuse: failure(400, `pod ${t.pod} does not have a host assigned`) };
  return { pod, container };
}

/** Refuses an upgrade with a raw HTTP Status answer. */
export function refuseUpgrade(socket: Duplex, status: StatusBody): undefined {
  socket.end(rawStatusResponse(status));
}

/** Runs one exec session on an upgraded socket: output, Status on channel 3, close 1000. */
export function runExec(
  cluster: ClusterSim,
  ws: WebSocket,
  req: IncomingMessage,
  t: ExecTarget,
  container: string,
  track: (stop: () => void) => () => void,
): void {
  const argv = t.query.getAll('command');
  const wantOut = t.query.get('stdout') === 'true' || t.query.get('stdout') === '1';
  const wantErr = t.query.get('stderr') === 'true' || t.query.get('stderr') === '1';
  cluster.stats.exec(argv);
  ws.send(frame(wantOut ? 1 : wantErr ? 2 : 3));
  const untrack = track(() => ws.terminate());
  ws.on('close', untrack);
  ws.on('message', () => {});
  const finish = (stdout: string, stderr: string, status: Record<string, unknown>) => {
    if (ws.readyState !== ws.OPEN) return;
    if (stdout && wantOut) ws.send(frame(1, stdout));
    if (stderr && wantErr) ws.send(frame(2, stderr));
    ws.send(frame(3, JSON.stringify(status)));
    ws.close(1000);
  };
  const node = cluster.agentNode(t.pod);
  const active = cluster.active();
  if (node && container === 'cilium-agent') {
    if (ofType(active, 'agent-crashloop').some((a) => appliesTo(a.fault, node))) {
      const st = failure(
        500,
        `Internal error occurred: unable to upgrade connection: container not found ("${container}")`,
      );
      setTimeout(
        () => finish('', '', { ...st, kind: undefined, apiVersion: undefined }),
        cluster.world.cluster.latency.execMs,
      );
      return;
    }
    if (commandKind(argv) === 'status' && ofType(active, 'agent-hang').some((a) => appliesTo(a.fault, node)))
      return;
  }
  const delay = cluster.world.cluster.latency.execMs;
  const execId = () => randomBytes(32).toString('hex');
  setTimeout(() => {
    if (!node || container !== 'cilium-agent') {
      const st = notFoundStatus(argv[0] ?? '', execId());
      return finish('', '', { ...st, kind: undefined, apiVersion: undefined });
    }
    const out = runAgentCommand(argv, cluster.agentView(node));
    if ('notFound' in out)
      return finish('', '', {
        ...notFoundStatus(out.notFound, execId()),
        kind: undefined,
        apiVersion: undefined,
      });
    const kind = commandKind(argv);
    const garbage = ofType(cluster.active(), 'garbage-output').find(
      (a) => a.fault.command === kind && appliesTo(a.fault, node),
    );
    finish(
      garbage ? garbage.fault.stdout : out.stdout,
      garbage?.fault.stderr ?? out.stderr,
      exitStatus(garbage?.fault.exitCode ?? out.exitCode),
    );
  }, delay);
  req.socket.setNoDelay(true);
}
