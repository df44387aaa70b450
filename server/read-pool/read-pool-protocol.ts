import type { ErrorCode } from '../../core/errors.ts';
import type { History } from '../../core/history/history.ts';

/** The History methods a read-pool worker answers (everything that only reads). */
export const POOLED_READS = [
  'fleet',
  'clusters',
  'cluster',
  'clusterHistory',
  'sweeps',
  'sweep',
  'regressions',
  'flapping',
  'trends',
  'meshPairs',
  'meshCompare',
  'weeklyReport',
  'storedReport',
] as const satisfies readonly (keyof History)[];

export type PooledRead = (typeof POOLED_READS)[number];

export interface ReadWorkerData {
  url: string;
  intervalMs?: number;
}

export interface ReadCall {
  id: number;
  method: PooledRead;
  args: unknown[];
}

/** An answer travels as its JSON text (cheaper than a structured clone, and sent to HTTP clients as it is). */
export type ReadReply =
  | { id: number; json: string }
  | {
      id: number;
      error: { message: string; code?: ErrorCode; context?: Record<string, unknown>; readOnly?: boolean };
    };
