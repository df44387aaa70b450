import { type ErrorCode, FleetcheckError } from '../../core/errors.ts';
import type { LoadFleetOptions } from '../../core/fleet/load-fleet.ts';
import type { SweepRuns } from '../../core/history/finish.ts';
import type { ClusterReport } from '../../core/sweep/report.ts';

/** Where the sweep thread reads the fleet from (serve's flags; `onNote` comes back as `note` messages). */
export type SweepThreadData = Pick<LoadFleetOptions, 'kubeconfig' | 'contexts' | 'fleetFile'>;

/** A cluster finished (its status before cross-cluster checks). */
export interface RunProgress {
  done: number;
  total: number;
  cluster: { name: string; status: ClusterReport['status'] };
}

export type SweepThreadCall =
  | { op: 'run'; id: string; sweepIndex: number }
  | { op: 'abort'; id: string; reason: string };

export interface WireError {
  message: string;
  code?: ErrorCode;
  context?: Record<string, unknown>;
}

export type SweepThreadMessage =
  | { note: string }
  | { ready: true; clusters: number }
  | { failed: WireError }
  | { id: string; progress: RunProgress }
  | { id: string; runs: SweepRuns }
  | { id: string; error: WireError };

export function toWire(err: unknown): WireError {
  const e = err instanceof Error ? err : new Error(String(err));
  return err instanceof FleetcheckError
    ? { message: e.message, code: err.code, context: err.context }
    : { message: e.message };
}

export function fromWire(w: WireError): Error {
  return w.code ? new FleetcheckError(w.code, w.message, w.context ?? {}) : new Error(w.message);
}
