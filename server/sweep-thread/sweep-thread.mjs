// Entry of serve's sweep thread (server/sweep-thread/sweep-thread.ts): loads the TypeScript worker through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-thread-main.ts');
