/** Entry of the sweeping child of bench/sweep-fleet.ts: `<kubeconfig> <concurrency> [only]`, one JSON line out. */
import { limitHeapGrowth } from '../cli/heap-growth.ts';
import { sweepChild } from './sweep-child.ts';

limitHeapGrowth(); // as the CLI's sweep, check, serve and demo do

const [kubeconfig = '', concurrency = '32', only] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify(await sweepChild(kubeconfig, Number(concurrency), only))}\n`);
