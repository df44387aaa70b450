import type { Span, SpanKind } from '../sweep/timings.ts';

/** A monotonic clock in milliseconds; injectable so tests decide what time it is. */
export type Clock = () => number;

const monotonicClock: Clock = () => performance.now();

/**
 * Times the pieces of one cluster's run against one clock; spans count from the recorder's creation.
 * @example const r = new SpanRecorder(); await r.time('api', 'list nodes', () => api.listNodes()); r.spans()
 */
export class SpanRecorder {
  private readonly started: number;
  private readonly recorded: Span[] = [];

  constructor(private readonly now: Clock = monotonicClock) {
    this.started = now();
  }

  /** Milliseconds since the recorder was created. */
  elapsed(): number {
    return this.now() - this.started;
  }

  /** Runs `work` and records its span whether it resolves or rejects. */
  time<T>(kind: SpanKind, name: string, work: () => Promise<T>): Promise<T> {
    const startMs = this.elapsed();
    const done = () => {
      this.recorded.push({
        kind,
        name,
        startMs: round(startMs),
        durationMs: round(this.elapsed() - startMs),
      });
    };
    const p = work();
    p.then(done, done);
    return p;
  }

  /** Every span recorded so far, in start order. */
  spans(): Span[] {
    return [...this.recorded].sort((a, b) => a.startMs - b.startMs);
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
