import { FleetcheckError } from '../errors.ts';
import { redactedPrefix } from '../text/redact.ts';
import { sleep } from '../time/timers.ts';
import type { CallRunner } from './call-runner.ts';
import { deadline } from './call-runner.ts';
import type { ExecOptions, ExecResult } from './cluster-api.ts';
import { acquireSlot, execGate, execOpeningGate } from './exec-gate.ts';
import { type ExecEnd, ExecProtocolError, execOnce } from './exec-socket.ts';
import { exitFromStatus } from './exec-status.ts';
import type { ClusterAgents } from './keep-alive-agent.ts';
import type { KubeAccess } from './kube-access.ts';
import { type CallDesc, errorFromStatus, mapKubeError, retryDelayMs } from './kube-errors.ts';
import { apiUrl, authorisedOptions } from './raw-get.ts';

/** Where an exec goes: the cluster's access (credentials), its keep-alive agents (TLS) and server URL. */
export interface ExecTarget {
  access: KubeAccess;
  agents: ClusterAgents | undefined;
  server: string;
}

/** The exec URL with the query client-go and client-node send (`command` once per argv element). */
export function execUrl(server: string, ns: string, pod: string, container: string, argv: string[]): URL {
  const path = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}/exec`;
  const url = apiUrl(server, path, { stdout: 'true', stderr: 'true', stdin: 'false', tty: 'false' });
  for (const arg of argv) url.searchParams.append('command', arg);
  url.searchParams.set('container', container);
  return url;
}

/** A refused upgrade as a typed error; the server's own Status message is kept where the code alone says little. */
function refusal(end: Extract<ExecEnd, { kind: 'refused' }>, d: CallDesc): FleetcheckError {
  const e = errorFromStatus(end.httpStatus, d);
  const said = end.status?.message;
  const context = { ...e.context, ...(end.status?.reason ? { reason: end.status.reason } : {}) };
  const generic = e.code === 'bad-response' || e.code === 'server-error';
  const message = generic && said ? `${e.message}: ${redactedPrefix(said, 300)}` : e.message;
  return new FleetcheckError(e.code, message, context);
}

function failure(err: unknown, d: CallDesc, deadlineMs: number): FleetcheckError {
  const text = err instanceof Error ? err.message : '';
  if (err instanceof ExecProtocolError || /subprotocol|Invalid Sec-WebSocket|Invalid Upgrade/.test(text))
    return new FleetcheckError(
      'bad-response',
      `${d.cluster} broke the exec channel protocol: ${redactedPrefix(text, 160)}`,
      { cluster: d.cluster, verb: d.verb, resource: d.resource, namespace: d.namespace },
    );
  return mapKubeError(err, d, deadlineMs);
}

/**
 * Runs argv in a container over the WebSocket channel protocol with a wall-clock deadline and an output cap.
 * A refused upgrade (403/404/429/5xx) becomes a typed error naming `get pods/exec` (the upgrade is a GET);
 * 429 and 5xx are retried before the connection opens (Retry-After honoured, within the deadline). At most
 * `execGate` sessions are open at once in the process; the deadline starts when this one may open.
 * @example await runExec(target, runner, 'kube-system', 'cilium-x', 'cilium-agent', ['cilium-dbg', 'status'], { deadlineMs: 15_000 })
 */
export async function runExec(
  target: ExecTarget,
  runner: CallRunner,
  ns: string,
  pod: string,
  container: string,
  argv: string[],
  opts: ExecOptions,
): Promise<ExecResult> {
  return execGate(async () => {
    opts.onOpen?.();
    const started = performance.now();
    const deadlineMs = opts.deadlineMs || runner.limits.execDeadlineMs;
    const cap = opts.maxOutputBytes ?? runner.limits.maxOutputBytes;
    const dl = deadline(deadlineMs, opts.signal);
    try {
      return await sessions(
        target,
        runner,
        { ns, pod, container, argv, cap, deadlineMs, started },
        dl.signal,
      );
    } finally {
      dl.done();
    }
  });
}

interface SessionArgs {
  ns: string;
  pod: string;
  container: string;
  argv: string[];
  cap: number;
  deadlineMs: number;
  started: number;
}

async function sessions(
  target: ExecTarget,
  runner: CallRunner,
  { ns, pod, container, argv, cap, deadlineMs, started }: SessionArgs,
  signal: AbortSignal,
): Promise<ExecResult> {
  const d: CallDesc = {
    cluster: runner.cluster,
    verb: 'get',
    resource: 'pods/exec',
    namespace: ns,
    name: pod,
  };
  const url = execUrl(target.server, ns, pod, container, argv);
  const timedOut = () =>
    new FleetcheckError(
      'timeout',
      `exec ${argv.slice(0, 2).join(' ')} in ${ns}/${pod} (${container}) on ${runner.cluster} timed out after ${deadlineMs} ms`,
      { cluster: runner.cluster, namespace: ns, pod, container, deadlineMs },
    );
  for (let n = 0; ; n++) {
    try {
      await runner.limiter.acquire(signal);
    } catch {
      throw timedOut();
    }
    runner.stats.requests++;
    runner.stats.execSessions++;
    const opening = await acquireSlot(execOpeningGate);
    let attempt: Awaited<ReturnType<typeof execOnce>>;
    try {
      const options = await authorisedOptions(target.access, target.agents, url);
      attempt = await execOnce(url, options, cap, signal, opening);
    } finally {
      opening();
    }
    const { end, channels } = attempt;
    const output = {
      stdout: channels.stdout.text(),
      stderr: channels.stderr.text(),
      truncated: channels.stdout.truncated || channels.stderr.truncated,
      durationMs: Math.round(performance.now() - started),
    };
    if (end.kind === 'status') return { ...output, ...exitFromStatus(end.status) };
    if (end.kind === 'closed') return { ...output, exitCode: null };
    if (signal.aborted) throw timedOut();
    if (end.kind === 'error') throw failure(end.err, d, deadlineMs);
    const retryable = end.httpStatus === 429 || end.httpStatus >= 500;
    const maxRetries = end.httpStatus === 429 ? runner.limits.rateLimitRetries : runner.limits.retries;
    if (!retryable || n >= maxRetries) throw refusal(end, d);
    const wait = retryDelayMs(n, end.retryAfter, runner.limits.maxRetryAfterMs);
    if (performance.now() - started + wait >= deadlineMs) throw refusal(end, d);
    runner.stats.retries++;
    try {
      await sleep(wait, signal);
    } catch {
      throw timedOut();
    }
  }
}
