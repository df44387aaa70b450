import type { SweepProgress } from '../../core/sweep/run-sweep.ts';
import { duration } from './style.ts';

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  verbose: boolean;
}

/**
 * Sweep progress on stderr: on a TTY one self-rewriting line (`[12/200] clusters done, 3 failing`); otherwise
 * one plain line per finished cluster, only with --verbose. `end()` clears the TTY line.
 */
export function progressReporter(o: ProgressOptions) {
  let drawn = false;
  return {
    update(p: SweepProgress): void {
      const bad = p.failing + p.erroring;
      if (o.stream.isTTY) {
        const extra = p.erroring > 0 ? `, ${p.erroring} could not be evaluated` : '';
        o.stream.write(`\r\x1b[2K[${p.done}/${p.total}] clusters done, ${p.failing} failing${extra}`);
        drawn = true;
      } else if (o.verbose) {
        const c = p.cluster;
        o.stream.write(
          `[${p.done}/${p.total}] ${c.name}: ${c.status} in ${duration(c.durationMs)} (${bad} bad so far)\n`,
        );
      }
    },
    end(): void {
      if (drawn) o.stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
