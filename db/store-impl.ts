import { FleetcheckError } from '../core/errors.ts';
import type { OpenStoreOptions, Store } from './store.ts';

/** Placeholder until the implementation lands. */
export async function createStore(_url: string, _opts: OpenStoreOptions): Promise<Store> {
  throw new FleetcheckError('internal', 'store not implemented yet');
}
