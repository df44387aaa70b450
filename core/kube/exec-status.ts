import { z } from 'zod';
import { redactedPrefix } from '../text/redact.ts';

/** The fields of a metav1.Status an exec reads (k8s.io/apimachinery `pkg/apis/meta/v1/types.go`, v1.35.4). */
export const kubeStatusSchema = z.object({
  status: z.string().nullish(),
  message: z.string().nullish(),
  reason: z.string().nullish(),
  code: z.number().nullish(),
  details: z
    .object({
      causes: z.array(z.object({ reason: z.string().nullish(), message: z.string().nullish() })).nullish(),
    })
    .nullish(),
});

export type KubeStatus = z.infer<typeof kubeStatusSchema>;

/** What the channel-3 Status says: an exit code, or a failure without one. */
export interface ExecStatusOutcome {
  exitCode: number | null;
  failure?: string;
}

const failed = (why: string): ExecStatusOutcome => ({ exitCode: null, failure: redactedPrefix(why, 500) });

/**
 * Reads a channel-3 Status the way client-go does (`tools/remotecommand/v4.go` `errorDecoderV4`, v0.35.4):
 * Success is 0; Failure with reason NonZeroExitCode carries the code in `details.causes[reason=ExitCode]`
 * (a uint8), never in the text; any other Failure is its message.
 * @example exitFromStatus({ status: 'Success' }) // { exitCode: 0 }
 */
export function exitFromStatus(raw: unknown): ExecStatusOutcome {
  const parsed = kubeStatusSchema.safeParse(raw);
  if (!parsed.success) return failed('exec status is not a Kubernetes Status');
  const s = parsed.data;
  if (s.status === 'Success') return { exitCode: 0 };
  if (s.status !== 'Failure') return failed(`exec status "${s.status ?? ''}" is neither Success nor Failure`);
  if (s.reason !== 'NonZeroExitCode') return failed(s.message || s.reason || 'exec failed');
  const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = /^\d{1,3}$/.test(cause?.message ?? '') ? Number(cause?.message) : Number.NaN;
  if (code >= 0 && code <= 255) return { exitCode: code };
  return failed(`exec status NonZeroExitCode without a valid ExitCode cause: ${s.message ?? ''}`);
}
