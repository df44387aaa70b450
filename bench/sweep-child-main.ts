/** Entry of the sweeping child of bench/sweep-fleet.ts: `<kubeconfig> <concurrency> [only]`, one JSON line out. */
import { limitHeapGrowth } from '../cli/heap-growth.ts';
import { sweepChild } from './sweep-child.ts';

// `fleetcheck sweep`'s heap-growth cap, unless the benchmark asks for V8's default (bench/sweep-fleet.ts)
if (process.env.FLEETCHECK_BENCH_HEAP_CAP !== '0') limitHeapGrowth();

const [kubeconfig = '', concurrency = '32', only] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify(await sweepChild(kubeconfig, Number(concurrency), only))}\n`);
