// Entry of a read-pool worker thread (server/read-pool/read-pool.ts): loads the TypeScript worker through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker-main.ts');
