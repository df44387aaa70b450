import { config } from '../core/config.ts';
import { isFleetcheckError } from '../core/errors.ts';
import { redactSecrets } from '../core/text/redact.ts';

/** Exit code of a history store that cannot be opened, migrated or written (README "Exit codes"). */
export const STORE_EXIT_CODE = 3;

/** Exit codes: 0 ok, 1 something failed, 2 could not evaluate / bad usage / bad input, 3 history store unusable. */
export function exitCodeFor(err: unknown): number {
  if (isFleetcheckError(err, 'store-unusable')) return STORE_EXIT_CODE;
  if (isFleetcheckError(err)) return err.code === 'internal' ? 1 : 2;
  if (err instanceof Error && err.name === 'ScenarioError') return 2;
  return 1;
}

export function printError(err: unknown): void {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    process.stderr.write(
      `fleetcheck: ${typeof code === 'string' ? `${code}: ` : ''}${redactSecrets(err.message)}\n`,
    );
    if (!isFleetcheckError(err) && err.name !== 'ScenarioError' && config().FLEETCHECK_DEBUG) {
      process.stderr.write(`${err.stack ?? ''}\n`);
    }
  } else {
    process.stderr.write(`fleetcheck: ${redactSecrets(String(err))}\n`);
  }
}
