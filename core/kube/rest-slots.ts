/**
 * At most `size` holders at once; waiting ones get a slot in arrival order, urgent ones before the others.
 * A wait whose signal aborts leaves the queue with the signal's reason.
 */
export class RestSlots {
  private running = 0;
  private readonly urgent: (() => void)[] = [];
  private readonly normal: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Waits for a slot; resolves the function that gives it back (call it once). */
  async acquire(signal?: AbortSignal, urgent = false): Promise<() => void> {
    if (this.running < this.size) this.running++;
    else await this.wait(urgent ? this.urgent : this.normal, signal);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  /** Resolves when a holder hands its slot over (the running count stays). */
  private wait(queue: (() => void)[], signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = queue.indexOf(start);
        if (i >= 0) queue.splice(i, 1);
        reject(signal?.reason);
      };
      queue.push(start);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    const next = this.urgent.shift() ?? this.normal.shift();
    if (next) next();
    else this.running--;
  }
}
