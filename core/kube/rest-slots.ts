/**
 * At most `size` holders at once; waiting ones get a slot in arrival order, urgent ones before the others.
 * The first holder is alone until it gives its slot back: its call opens the cluster's first connection (the one
 * full TLS handshake), and a second connection opened beside it, which must wait for that handshake's session
 * before its own, comes up about as late again (under load, a second or more); the calls queued meanwhile are
 * better off on the warm connection, urgent ones first. A wait whose signal aborts leaves the queue with the
 * signal's reason.
 */
export class RestSlots {
  private running = 0;
  private open = 1;
  private readonly urgent: (() => void)[] = [];
  private readonly normal: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Waits for a slot; resolves the function that gives it back (call it once). */
  async acquire(signal?: AbortSignal, urgent = false): Promise<() => void> {
    if (this.running < this.open) this.running++;
    else await this.wait(urgent ? this.urgent : this.normal, signal);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // An urgent call's slot is handed over on the next turn of the event loop: the step that follows it (the probe
      // Job's create after its reads) is queued by then and goes first, instead of the reads that waited.
      if (urgent) setImmediate(() => this.release());
      else this.release();
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
    this.running--;
    this.open = this.size;
    while (this.running < this.open) {
      const next = this.urgent.shift() ?? this.normal.shift();
      if (!next) break;
      this.running++;
      next();
    }
  }
}
