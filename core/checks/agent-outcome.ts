import type { Outcome } from '../outcome.ts';
import type { AgentOutput } from './agent-exec.ts';
import { hints } from './hints.ts';
import { outcomes } from './outcomes.ts';

/**
 * The outcome for an agent whose command did not yield a value, or null when it did.
 * `not-running` is reported by the rollout check, so here it is `skip`; everything else is `error`.
 */
export function agentProblem<T>(check: string, out: AgentOutput<T>, cmd: string): Outcome | null {
  const o = outcomes(check);
  const evidence = { pod: out.pod };
  switch (out.kind) {
    case 'ok':
      return null;
    case 'not-running':
      return o.skip(
        out.node,
        `agent ${out.pod} is not running (${out.reason}); nothing to ask`,
        hints.crashloop(out.pod),
        {
          evidence,
        },
      );
    case 'unparseable':
      return o.error(out.node, `${out.command}: ${out.error}: "${out.snippet}"`, hints.garbage(cmd), {
        evidence: { ...evidence, snippet: out.snippet },
      });
    case 'daemon-unreachable': {
      const hint = cmd.startsWith('cilium-health') ? hints.healthUnreachable : hints.agentUnreachable;
      return o.error(out.node, out.message, hint, { evidence });
    }
    case 'exec-error':
      return o.error(out.node, `${cmd} on ${out.pod}: ${out.message}`, out.hint, {
        evidence: { ...evidence, code: out.code },
      });
  }
}
