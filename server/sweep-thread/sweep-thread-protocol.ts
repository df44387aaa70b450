import { type ErrorCode, FleetcheckError } from '../../core/errors.ts';
import type { LoadFleetOptions } from '../../core/fleet/load-fleet.ts';
import type { SweepReport } from '../../core/sweep/report.ts';
import type { ClusterProgress } from '../run-sweep.ts';

export interface SweepThreadData {
  /** Where the fleet is read from (serve's flags; `onNote` comes back as `note` messages). */
  fleet: Pick<LoadFleetOptions, 'kubeconfig' | 'contexts' | 'fleetFile'>;
  /** The history store a finished sweep is written to (already migrated by serve), and the stale interval. */
  db: { url: string; intervalMs: number };
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
  | { ready: true; clusters: number; youngGenerationMb: number | undefined }
  | { failed: WireError }
  | { id: string; progress: ClusterProgress }
  | { id: string; report: SweepReport }
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
