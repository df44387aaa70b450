import type { SweepReport } from '../core/sweep/report.ts';
import { newSweepId } from '../core/sweep/sweep-id.ts';

/** What a sweep run needs from its caller: an id chosen up front, an abort signal and the start time. */
export interface SweepRequest {
  id: string;
  startedAt: Date;
  signal: AbortSignal;
  trigger: string;
}

/** Runs one whole sweep and stores it; returns the stored report. */
export type RunSweep = (req: SweepRequest) => Promise<SweepReport>;

interface StartedSweep {
  id: string;
  startedAt: string;
  running: boolean;
}

export interface RunningSweep {
  id: string;
  startedAt: string;
  trigger: string;
}

/** Single-flight sweeps shared by the scheduler and `POST /api/v1/sweeps`. */
export interface Sweeper {
  /**
   * Starts a sweep unless one runs; either way says which sweep is running and whether it was already running.
   * Asynchronous where single flight is decided elsewhere (the Lambda API asks the store's lease).
   */
  trigger(trigger: string): StartedSweep | Promise<StartedSweep>;
  /** The sweep in flight, if any. */
  current(): RunningSweep | undefined;
  /** Resolves when the sweep in flight (if any) has ended. */
  idle(): Promise<void>;
  /** Aborts the sweep in flight and waits for it to end. */
  stop(): Promise<void>;
}

/** The in-process sweeper: single flight is decided here, so `trigger` answers at once. */
export type LocalSweeper = Omit<Sweeper, 'trigger'> & { trigger(trigger: string): StartedSweep };

export interface SweeperOptions {
  run: RunSweep;
  now?: () => Date;
  /** Told about every finished or failed sweep (progress lines, metrics). */
  onDone?: (result: { id: string; report?: SweepReport; error?: unknown }) => void;
}

/**
 * Creates a single-flight sweeper: at most one sweep runs at a time.
 * @example const s = createSweeper({ run }); s.trigger('api') // { id: 'sw_…', running: false }
 */
export function createSweeper({ run, now = () => new Date(), onDone }: SweeperOptions): LocalSweeper {
  let inFlight: (RunningSweep & { done: Promise<void>; abort: AbortController }) | undefined;

  return {
    trigger(trigger) {
      if (inFlight) return { id: inFlight.id, startedAt: inFlight.startedAt, running: true };
      const startedAt = now();
      const id = newSweepId(startedAt);
      const abort = new AbortController();
      const tell = (result: { id: string; report?: SweepReport; error?: unknown }) => {
        try {
          onDone?.(result);
        } catch {
          // a failing listener must not turn a finished sweep into an unhandled rejection
        }
      };
      const done = run({ id, startedAt, signal: abort.signal, trigger }).then(
        (report) => tell({ id, report }),
        (error: unknown) => tell({ id, error }),
      );
      const entry = { id, startedAt: startedAt.toISOString(), trigger, abort, done };
      inFlight = entry;
      void done.finally(() => {
        if (inFlight === entry) inFlight = undefined;
      });
      return { id, startedAt: entry.startedAt, running: false };
    },
    current() {
      if (!inFlight) return undefined;
      return { id: inFlight.id, startedAt: inFlight.startedAt, trigger: inFlight.trigger };
    },
    async idle() {
      await inFlight?.done;
    },
    async stop() {
      inFlight?.abort.abort(new Error('shutting down'));
      await inFlight?.done;
    },
  };
}
