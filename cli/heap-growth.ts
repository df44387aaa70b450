import { setFlagsFromString } from 'node:v8';

/** Old-space growth allowed between two full collections, in percent (V8 picks up to 300 % by itself). */
const HEAP_GROWTH_PERCENT = 50;

/**
 * Caps how far V8 lets the old generation grow before its next full collection. A sweep keeps hundreds of
 * clusters' sockets, requests and exec sessions alive for a few hundred milliseconds each, so much of what it
 * allocates is promoted and dies soon after; with V8's own factor (up to 4× the live heap on a machine with
 * memory to spare) that garbage sets the process's peak memory. At 1.5× the peak follows the live heap, for more
 * full collections: on a 200-cluster sweep about 70-110 MB less at the peak for about 10-20 % more CPU
 * (BENCHMARKS.md). The commands that sweep many clusters take it (`sweep`, `serve`, `demo`): a scheduled sweep
 * runs in a pod or function with a memory limit, and against real clusters it waits on the network far more than
 * it computes. `check` (one cluster) keeps V8's default. The flag is read at every full collection, so setting it
 * once the process runs takes effect; it is process-wide (sweep threads included). Not set at the CLI's start:
 * loading `node:v8` would cost `--help` a few milliseconds.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
}
