import type { V1Status } from '@kubernetes/client-node';
import { redactedPrefix } from '../text/redact.ts';

/** What the channel-3 Status says: an exit code, or a runtime failure without one. */
export interface ExecStatusOutcome {
  exitCode: number | null;
  failure?: string;
}

/**
 * Reads the exit code from a channel-3 Status (`details.causes[reason=ExitCode]`), never from the text.
 * @example exitFromStatus({ status: 'Success' }) // { exitCode: 0 }
 */
export function exitFromStatus(s: V1Status): ExecStatusOutcome {
  if (s.status === 'Success') return { exitCode: 0 };
  const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = cause?.message !== undefined ? Number.parseInt(cause.message, 10) : Number.NaN;
  if (Number.isInteger(code)) return { exitCode: code };
  return {
    exitCode: null,
    failure: redactedPrefix(s.message ?? s.reason ?? 'exec failed without an exit code', 500),
  };
}
