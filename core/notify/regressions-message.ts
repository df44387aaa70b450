import type { Regression } from '../analysis/types.ts';
import { worstFirst } from '../outcome.ts';
import type { WebhookMessage } from './webhook.ts';

const SHOWN = 20;

/**
 * The chat message for a sweep's new regressions: one line per (cluster, check, subject), worst first, at
 * most 20 shown, with the hint when there is one.
 * @example regressionsMessage('sw_…', regressions).text // '*fleetcheck*: 2 new regressions in sweep sw_…'
 */
export function regressionsMessage(sweepId: string, regressions: Regression[]): WebhookMessage {
  const sorted = [...regressions].sort(
    (a, b) => worstFirst(a.to, b.to) || a.cluster.localeCompare(b.cluster) || a.check.localeCompare(b.check),
  );
  const lines = sorted.slice(0, SHOWN).map((r) => {
    const subject = r.subject === r.cluster ? '' : ` (${r.subject})`;
    const hint = r.hint ? ` — ${r.hint}` : '';
    return `• ${r.cluster} ${r.check}${subject}: ${r.from} → ${r.to}: ${r.message}${hint}`;
  });
  const more = sorted.length > SHOWN ? [`…and ${sorted.length - SHOWN} more`] : [];
  const noun = regressions.length === 1 ? 'regression' : 'regressions';
  return {
    text: [`*fleetcheck*: ${regressions.length} new ${noun} in sweep ${sweepId}`, ...lines, ...more].join(
      '\n',
    ),
  };
}
