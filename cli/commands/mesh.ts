import { assertDistinctPair } from '../../core/analysis/mesh-compare.ts';
import { renderMeshCompare } from '../../core/analysis/render-text.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { choice, withStore } from './db.ts';

/** `fleetcheck mesh compare <a> <b>`. */
export async function meshCompareAction(
  a: string,
  b: string,
  o: { db?: string; output: string },
): Promise<void> {
  const output = choice('--output', o.output, ['table', 'json'] as const);
  assertDistinctPair(a, b);
  const cmp = await withStore(o.db, async (s) => {
    for (const name of [a, b])
      if (!(await s.cluster(name)))
        throw new FleetcheckError('not-found', `unknown cluster ${name} (no stored runs)`);
    return s.meshCompare(a, b);
  });
  if (!cmp) throw new FleetcheckError('not-found', `unknown clusters ${a} and ${b}`);
  process.stdout.write(output === 'json' ? `${JSON.stringify(cmp, null, 2)}\n` : renderMeshCompare(cmp));
  if (cmp.verdict.status === 'fail') process.exitCode = 1;
  else if (cmp.verdict.status === 'error') process.exitCode = 2;
}
