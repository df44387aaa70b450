const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type Interrupt = keyof typeof SIGNAL_NUMBERS;

/** Stops a running sweep on SIGINT / SIGTERM; a second signal leaves at once. */
export interface SweepInterrupt {
  signal: AbortSignal;
  /** The signal received, if any. */
  received(): Interrupt | undefined;
  /** The shell's exit code for the received signal: 130 (SIGINT), 143 (SIGTERM). */
  exitCode(): number | undefined;
  dispose(): void;
}

/**
 * Turns SIGINT / SIGTERM into an abort of the sweep (the caller keeps only finished clusters and exits 128 + signal).
 * @example const stop = interruptOnSignals(); await runSweep({ …, signal: stop.signal }); stop.dispose();
 */
export function interruptOnSignals(log: (line: string) => void): SweepInterrupt {
  const controller = new AbortController();
  let received: Interrupt | undefined;
  const code = (s: Interrupt) => 128 + SIGNAL_NUMBERS[s];
  const handler = (sig: Interrupt) => {
    if (received) process.exit(code(received));
    received = sig;
    log(`${sig}: stopping the sweep; clusters still running are not stored (${sig} again to quit at once)`);
    controller.abort(new Error(`sweep interrupted by ${sig}`));
  };
  for (const s of Object.keys(SIGNAL_NUMBERS) as Interrupt[]) process.on(s, handler);
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => (received ? code(received) : undefined),
    dispose() {
      for (const s of Object.keys(SIGNAL_NUMBERS) as Interrupt[]) process.removeListener(s, handler);
    },
  };
}
