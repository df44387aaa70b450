import { renderHistory } from '../../core/analysis/render-text.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { choice, withStore } from './db.ts';

/** `fleetcheck history <cluster>`. */
export async function historyAction(
  cluster: string,
  o: { db?: string; output: string; limit: string },
): Promise<void> {
  const output = choice('--output', o.output, ['table', 'json'] as const);
  const page = await withStore(o.db, (s) => s.clusterHistory(cluster, { limit: Number(o.limit) || 50 }));
  if (!page)
    throw new FleetcheckError('not-found', `unknown cluster ${cluster} (no stored runs)`, { cluster });
  process.stdout.write(
    output === 'json'
      ? `${JSON.stringify({ cluster, runs: page.items }, null, 2)}\n`
      : renderHistory(cluster, page.items),
  );
}
