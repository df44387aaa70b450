import { parseBaseline } from '../../core/analysis/baseline.ts';
import { renderRegressions } from '../../core/analysis/render-text.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { type Layer, layerSchema } from '../../core/outcome.ts';
import { choice, withStore } from './db.ts';

function time(flag: string, v: string): Date {
  const t = new Date(v);
  if (Number.isNaN(t.getTime()))
    throw new FleetcheckError('invalid-input', `${flag} is not an ISO time: ${v}`);
  return t;
}

/** `fleetcheck regressions`. */
export async function regressionsAction(o: {
  db?: string;
  baseline: string;
  since?: string;
  cluster?: string;
  layer?: string;
  output: string;
}): Promise<void> {
  const output = choice('--output', o.output, ['table', 'json'] as const);
  const layer = o.layer === undefined ? undefined : choice<Layer>('--layer', o.layer, layerSchema.options);
  const baseline = parseBaseline(o.baseline, new Date(), '--baseline');
  const report = await withStore(o.db, async (s) => {
    if (o.cluster && !(await s.cluster(o.cluster)))
      throw new FleetcheckError('not-found', `unknown cluster ${o.cluster} (no stored runs)`);
    return s.regressions({
      baseline,
      ...(o.since ? { since: time('--since', o.since) } : {}),
      ...(o.cluster ? { cluster: o.cluster } : {}),
      ...(layer ? { layer } : {}),
    });
  });
  process.stdout.write(
    output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderRegressions(report),
  );
  if (report.regressions.length > 0) process.exitCode = 1;
}
