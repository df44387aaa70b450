import { parseSweepFlags } from '../sweep-options.ts';
import { sweepCommand } from './sweep.ts';

/** `fleetcheck check <cluster>`. */
export async function checkAction(cluster: string, raw: unknown): Promise<void> {
  process.exitCode = await sweepCommand(parseSweepFlags(raw), cluster);
}
