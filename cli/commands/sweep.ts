import pc from 'picocolors';
import { runClusterChecks } from '../../core/checks/run.ts';
import { config } from '../../core/config.ts';
import { FleetcheckError } from '../../core/errors.ts';
import type { SweepReport } from '../../core/sweep/report.ts';
import { runSweep } from '../../core/sweep/run-sweep.ts';
import { counted } from '../../core/text/plural.ts';
import { openStore } from '../../db/store.ts';
import { renderClusterDetail } from '../output/detail.ts';
import { exitCodeForSweep } from '../output/exit-code.ts';
import { progressReporter } from '../output/progress.ts';
import { styles } from '../output/style.ts';
import { renderSweepTable } from '../output/table.ts';
import { openFleet, parseSweepFlags, type SweepFlags, settingsFrom } from '../sweep-options.ts';

async function store(report: SweepReport, flags: SweepFlags): Promise<void> {
  const env = config();
  const url = flags.db ?? env.FLEETCHECK_DB;
  try {
    const db = await openStore(
      url,
      env.FLEETCHECK_DB_AUTH_TOKEN ? { authToken: env.FLEETCHECK_DB_AUTH_TOKEN } : {},
    );
    try {
      await db.saveSweep(report);
    } finally {
      await db.close();
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    process.stderr.write(`fleetcheck: the sweep was not stored in ${url}: ${why}\n`);
  }
}

function print(report: SweepReport, flags: SweepFlags, detail: boolean): void {
  if (flags.output === 'json') {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const s = styles(Boolean(process.stdout.isTTY) && pc.isColorSupported);
  const width = Math.max(80, Math.min(process.stdout.columns ?? 120, 160));
  process.stdout.write(
    detail
      ? renderClusterDetail(report, { styles: s, width })
      : renderSweepTable(report, { styles: s, width }),
  );
}

/**
 * `fleetcheck sweep` / `fleetcheck check <cluster>`: load the fleet (or start the simulator), sweep it, store
 * the report (unless --no-store), print it, and return the exit code (0 ok, 1 failures, 2 could not evaluate).
 */
export async function sweepCommand(flags: SweepFlags, only?: string): Promise<number> {
  const settings = settingsFrom(flags);
  const fleet = await openFleet(flags, settings);
  const controller = new AbortController();
  const onSigint = () => controller.abort(new FleetcheckError('timeout', 'sweep interrupted (SIGINT)'));
  process.once('SIGINT', onSigint);
  let report: SweepReport;
  try {
    let targets = fleet.targets;
    if (only !== undefined) {
      targets = targets.filter((t) => t.name === only);
      if (targets.length === 0) {
        const known = fleet.targets.map((t) => t.name).join(', ') || 'none';
        throw new FleetcheckError('invalid-input', `unknown cluster "${only}" (known: ${known})`);
      }
    }
    if (fleet.simulated) {
      const { scenario, clusters } = fleet.simulated;
      process.stderr.write(
        `fleetcheck: sweeping a SIMULATED fleet (${counted(clusters, 'cluster')} from ${scenario}, on 127.0.0.1)\n`,
      );
    }
    if (targets.length === 0)
      throw new FleetcheckError('invalid-input', 'the fleet has no clusters to sweep');
    const progress = progressReporter({ stream: process.stderr, verbose: flags.verbose });
    report = await runSweep({
      targets,
      runChecks: runClusterChecks,
      settings,
      ...(flags.concurrency ? { clusterConcurrency: flags.concurrency } : {}),
      ...(flags.deadline ? { clusterDeadlineMs: flags.deadline * 1000 } : {}),
      onProgress: (p) => progress.update(p),
      signal: controller.signal,
    });
    progress.end();
  } finally {
    process.removeListener('SIGINT', onSigint);
    await fleet.close();
  }
  if (flags.store) await store(report, flags);
  print(report, flags, only !== undefined);
  return exitCodeForSweep(report);
}

/** `fleetcheck sweep`. */
export async function sweepAction(raw: unknown): Promise<void> {
  process.exitCode = await sweepCommand(parseSweepFlags(raw));
}
