import { config } from '../../core/config.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { runDemo } from '../../server/demo/run-demo.ts';
import { stopOnSignals } from '../../server/service.ts';
import { limitHeapGrowth } from '../heap-growth.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new FleetcheckError('invalid-input', `--port: not a port: ${value}`);
  return n;
}

/** `fleetcheck demo` (= `npm start`). */
export async function demoAction(opts: {
  port?: string;
  host?: string;
  db: string;
  scenario?: string;
  backfill: boolean;
}): Promise<void> {
  limitHeapGrowth();
  const env = config();
  const demo = await runDemo({
    port: opts.port !== undefined ? port(opts.port) : env.FLEETCHECK_PORT,
    host: opts.host ?? env.FLEETCHECK_HOST,
    db: opts.db,
    apiToken: env.FLEETCHECK_API_TOKEN,
    backfill: opts.backfill,
    ...(opts.scenario ? { scenario: opts.scenario } : {}),
  });
  stopOnSignals(demo.stop);
}
