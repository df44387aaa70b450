import { readFileSync } from 'node:fs';

/** One reading of a process's resident memory (MiB), from /proc/<pid>/status (Linux). */
export interface MemorySample {
  /** VmRSS: everything resident, all threads (worker threads included). */
  rss: number;
  /** RssAnon: heaps, stacks, native allocations. */
  anon: number;
  /** RssFile: mapped files resident, mostly the memory-mapped SQLite file (page cache the kernel can drop). */
  file: number;
}

const field = (status: string, name: string) => {
  const m = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

/** Reads `pid`'s resident memory now. */
export function memorySample(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: field(status, 'VmRSS'), anon: field(status, 'RssAnon'), file: field(status, 'RssFile') };
}

/**
 * Growth over the second half of a series of evenly spaced samples: the highest sample of the second half's last
 * half against the highest of its first half. Garbage collection makes RSS a sawtooth; its tops (what a leak
 * raises) are compared, so where one sample lands in a cycle does not decide it.
 * @example secondHalfGrowth([100, 100, 100, 105, 110, 90]) // { percent: 4.76…, from: 105, to: 110 }
 */
export function secondHalfGrowth(xs: number[]): { percent: number; from: number; to: number } {
  const half = xs.slice(Math.floor(xs.length / 2));
  const mid = Math.floor(half.length / 2);
  const from = Math.max(...half.slice(0, Math.max(1, mid)));
  const to = Math.max(...half.slice(mid));
  return { percent: (to / from - 1) * 100, from, to };
}
