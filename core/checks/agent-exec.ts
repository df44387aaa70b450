import pLimit from 'p-limit';
import { type AgentBinary, isMissingBinary } from '../cilium/binary.ts';
import type { ParseResult } from '../cilium/parse-result.ts';
import { snippet } from '../cilium/parse-result.ts';
import { FleetcheckError, isFleetcheckError } from '../errors.ts';
import type { ClusterApi, ExecResult, PodInfo } from '../kube/cluster-api.ts';
import { linkedController } from '../time/linked-controller.ts';
import { after, type Timer } from '../time/timers.ts';
import { permission } from './error-outcome.ts';
import { hints } from './hints.ts';
import { agentContainer } from './sampling.ts';

type Who = { node: string; pod: string };

const GUARD_SLACK_MS = 1500;

/** What one exec into one agent gave: a parsed value or why not. */
export type AgentOutput<T> = Who &
  (
    | { kind: 'ok'; value: T; binary: AgentBinary }
    | { kind: 'unparseable'; error: string; snippet: string; command: string }
    /** The command ran but reported it could not reach its daemon (exit ≠ 0). */
    | { kind: 'daemon-unreachable'; message: string }
    /** The agent container is not running (crash loop, pending): nothing to exec into. */
    | { kind: 'not-running'; reason: string }
    /** The exec itself failed: timeout (hang), 403, unreachable API server... */
    | { kind: 'exec-error'; code: string; message: string; hint: string }
  );

export interface AgentCommand<T> {
  /** argv after the binary; `binary` null = use argv as is (e.g. cilium-health). */
  argv: (binary: AgentBinary) => string[];
  parse: (stdout: string) => ParseResult<T>;
  hangHint: string;
}

/** Runs agent commands with at most `concurrency` execs at a time and the cilium-dbg → cilium fallback. */
export class AgentExecutor {
  private readonly limit;
  constructor(
    private readonly api: ClusterApi,
    private binary: AgentBinary,
    concurrency: number,
    private readonly deadlineMs: number,
    private readonly signal: AbortSignal,
  ) {
    this.limit = pLimit(Math.max(1, concurrency));
  }

  /** Runs one command in one agent pod (one exec session, two if the binary has to fall back). */
  run<T>(pod: PodInfo, cmd: AgentCommand<T>): Promise<AgentOutput<T>> {
    const who = { node: pod.nodeName ?? pod.name, pod: pod.name };
    const state = agentContainer(pod);
    if (!state.running) {
      const reason = state.container?.reason ?? pod.pendingReason ?? pod.phase;
      return Promise.resolve({ ...who, kind: 'not-running', reason });
    }
    return this.limit(async () => {
      let binary = this.binary;
      let argv = cmd.argv(binary);
      try {
        let res = await this.exec(pod, argv);
        if (binary === 'cilium-dbg' && argv[0] === 'cilium-dbg' && isMissingBinary(res)) {
          binary = 'cilium';
          this.binary = 'cilium';
          argv = cmd.argv(binary);
          res = await this.exec(pod, argv);
        }
        return this.interpret(who, res, argv, cmd, binary);
      } catch (err) {
        return { ...who, ...execError(err, cmd.hangHint) };
      }
    });
  }

  /**
   * One exec, with a guard a little past the deadline in case the session never reports or closes; the guard
   * starts when the session opens (`onOpen`), not while it waits for the process-wide bound on open sessions.
   */
  private async exec(pod: PodInfo, argv: string[]): Promise<ExecResult> {
    const { controller: guard, unlink } = linkedController(this.signal);
    let timer: Timer | undefined;
    let expire: (err: FleetcheckError) => void = () => {};
    const expired = new Promise<never>((_resolve, reject) => {
      expire = reject;
    });
    const armGuard = () => {
      timer ??= after(this.deadlineMs + GUARD_SLACK_MS, () => {
        guard.abort();
        const what = `exec ${argv.slice(0, 2).join(' ')} in ${pod.namespace}/${pod.name}`;
        expire(
          new FleetcheckError('timeout', `${what} gave no exit status within ${this.deadlineMs} ms`, {
            pod: pod.name,
          }),
        );
      });
    };
    try {
      const call = this.api.exec(pod.namespace, pod.name, 'cilium-agent', argv, {
        deadlineMs: this.deadlineMs,
        signal: guard.signal,
        onOpen: armGuard,
      });
      return await Promise.race([call, expired]);
    } finally {
      timer?.cancel();
      unlink();
    }
  }

  private interpret<T>(
    who: Who,
    res: ExecResult,
    argv: string[],
    cmd: AgentCommand<T>,
    binary: AgentBinary,
  ): AgentOutput<T> {
    const command = argv.join(' ');
    if (res.exitCode === null) {
      const failure = res.failure ?? 'exec ended without an exit status';
      if (/container not found|not running|is terminated|is waiting/i.test(failure)) {
        return { ...who, kind: 'not-running', reason: failure };
      }
      return {
        ...who,
        kind: 'exec-error',
        code: 'exec-failed',
        message: `${command}: ${failure}`,
        hint: cmd.hangHint,
      };
    }
    if (res.exitCode !== 0) {
      const msg = (res.stderr.trim() || res.stdout.trim()).split('\n')[0] ?? '';
      return {
        ...who,
        kind: 'daemon-unreachable',
        message: `${command} exited ${res.exitCode}: ${snippet(msg)}`,
      };
    }
    const parsed = cmd.parse(res.stdout);
    if (!parsed.ok)
      return { ...who, kind: 'unparseable', error: parsed.error, snippet: parsed.snippet, command };
    return { ...who, kind: 'ok', value: parsed.value, binary };
  }
}

function execError(
  err: unknown,
  hangHint: string,
): { kind: 'exec-error'; code: string; message: string; hint: string } {
  if (isFleetcheckError(err)) {
    if (err.code === 'timeout')
      return { kind: 'exec-error', code: 'timeout', message: err.message, hint: hangHint };
    if (err.code === 'access-denied') {
      return {
        kind: 'exec-error',
        code: 'access-denied',
        message: err.message,
        hint: hints.rbac(permission(err.context)),
      };
    }
    if (err.code === 'unreachable') {
      return { kind: 'exec-error', code: err.code, message: err.message, hint: hints.unreachableCluster };
    }
    return {
      kind: 'exec-error',
      code: err.code,
      message: err.message,
      hint: 'Retry; check the API server health.',
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    kind: 'exec-error',
    code: 'internal',
    message,
    hint: 'Unexpected exec error; see fleetcheck logs.',
  };
}
