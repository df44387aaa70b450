import { type Outcome, outcome } from '../outcome.ts';
import type { AgentOutput } from './agent-exec.ts';
import { hints } from './hints.ts';

/**
 * The outcome for an agent whose command did not yield a value, or null when it did.
 * `not-running` is reported by the rollout check, so here it is `skip`; everything else is `error`.
 */
export function agentProblem<T>(check: string, out: AgentOutput<T>, cmd: string): Outcome | null {
  const ev = { pod: out.pod };
  switch (out.kind) {
    case 'ok':
      return null;
    case 'not-running':
      return outcome.nonPass(
        'skip',
        check,
        out.node,
        `agent ${out.pod} is not running (${out.reason}); nothing to ask`,
        hints.crashloop(out.pod),
        { evidence: ev },
      );
    case 'unparseable':
      return outcome.nonPass(
        'error',
        check,
        out.node,
        `${out.command}: ${out.error}: "${out.snippet}"`,
        hints.garbage(cmd),
        {
          evidence: { ...ev, snippet: out.snippet },
        },
      );
    case 'daemon-unreachable':
      return outcome.nonPass(
        'error',
        check,
        out.node,
        out.message,
        cmd.startsWith('cilium-health') ? hints.healthUnreachable : hints.agentUnreachable,
        { evidence: ev },
      );
    case 'exec-error':
      return outcome.nonPass('error', check, out.node, `${cmd} on ${out.pod}: ${out.message}`, out.hint, {
        evidence: { ...ev, code: out.code },
      });
  }
}
