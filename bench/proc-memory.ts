import { readFileSync } from 'node:fs';

/** One reading of a process's resident memory (MiB), from /proc/<pid>/status (Linux). */
export interface MemorySample {
  /** VmRSS: everything resident, all threads (the read-pool workers included). */
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
};

/**
 * Growth over the second half of a series of evenly spaced samples: the median of the second half's last `window`
 * samples against the median of its first `window` (medians, so one sample caught just before or after a
 * garbage collection does not decide it). `window` is a fifth of the half, at least 1.
 * @example secondHalfGrowth([100, 100, 100, 100, 110, 110]) // { percent: 10, window: 1, from: 100, to: 110 }
 */
export function secondHalfGrowth(xs: number[]): {
  percent: number;
  window: number;
  from: number;
  to: number;
} {
  const half = xs.slice(Math.floor(xs.length / 2));
  const window = Math.max(1, Math.floor(half.length / 5));
  const from = median(half.slice(0, window));
  const to = median(half.slice(-window));
  return { percent: (to / from - 1) * 100, window, from, to };
}
