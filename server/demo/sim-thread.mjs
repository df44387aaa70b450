// Entry of the simulator thread of the demo and of sweep/check --simulate (server/demo/sim-thread.ts): loads the TypeScript side through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./sim-thread-main.ts');
