import pc from 'picocolors';
import type { CheckSettings } from '../../core/checks/check.ts';
import { runClusterChecks } from '../../core/checks/run.ts';
import { config } from '../../core/config.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { finishedReport, finishSweep, type SweepRuns } from '../../core/history/finish.ts';
import type { History } from '../../core/history/history.ts';
import type { SweepReport } from '../../core/sweep/report.ts';
import { sweepClusters } from '../../core/sweep/run-sweep.ts';
import { counted } from '../../core/text/plural.ts';
import { storeReason } from '../../db/open-checks.ts';
import { openHistory } from '../../server/open-history.ts';
import { STORE_EXIT_CODE } from '../errors.ts';
import { limitHeapGrowth } from '../heap-growth.ts';
import { interruptOnSignals } from '../interrupt.ts';
import { renderClusterDetail } from '../output/detail.ts';
import { exitCodeForSweep } from '../output/exit-code.ts';
import { progressReporter } from '../output/progress.ts';
import { styles } from '../output/style.ts';
import { renderSweepTable } from '../output/table.ts';
import { renderClusterTimings, renderSweepTimings } from '../output/timings.ts';
import { openFleet, parseSweepFlags, type SweepFlags, settingsFrom } from '../sweep-options.ts';

/** Opens (and migrates, and proves writable) the history store before anything touches a cluster. */
async function openSweepHistory(flags: SweepFlags): Promise<{ store: History; url: string }> {
  const env = config();
  const url = flags.db ?? env.FLEETCHECK_DB;
  const store = await openHistory(url, {
    writable: true,
    ...(env.FLEETCHECK_DB_AUTH_TOKEN ? { authToken: env.FLEETCHECK_DB_AUTH_TOKEN } : {}),
  });
  return { store, url };
}

/**
 * Finishes the sweep (core/history) into the store; `stored` is false (after one line on stderr) when the store
 * refused it: the report is still printed.
 */
async function finish(
  history: { store: History; url: string },
  runs: SweepRuns,
): Promise<{ report: SweepReport; stored: boolean }> {
  let stored = true;
  const recordFinished: History['recordFinished'] = async (report, opts) => {
    try {
      await history.store.recordFinished(report, opts);
    } catch (err) {
      stored = false;
      process.stderr.write(
        `fleetcheck: store-unusable: the sweep was not stored in ${history.url}: ${storeReason(err)}\n`,
      );
    }
  };
  const report = await finishSweep({ recordFinished }, runs);
  return { report, stored };
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
  if (flags.timings)
    process.stdout.write(
      `\n${detail ? report.clusters.map((c) => renderClusterTimings(c, width)).join('\n') : renderSweepTimings(report)}`,
    );
}

/**
 * `fleetcheck sweep` / `fleetcheck check <cluster>`: load the fleet (or start the simulator), sweep it, store
 * the report (unless --no-store), print it, and return the exit code (0 ok, 1 failures, 2 could not evaluate).
 */
export async function sweepCommand(flags: SweepFlags, only?: string): Promise<number> {
  const settings = settingsFrom(flags);
  const history = flags.store ? await openSweepHistory(flags) : undefined;
  try {
    const swept = await sweepFleet(flags, settings, only);
    const nothing = swept.runs.clusters.length === 0;
    const { report, stored } =
      history && !nothing
        ? await finish(history, swept.runs)
        : { report: finishedReport(swept.runs), stored: !history };
    print(report, flags, only !== undefined);
    if (swept.interrupted) {
      const { signal, unfinished, exitCode } = swept.interrupted;
      process.stderr.write(
        `fleetcheck: ${signal}: ${counted(unfinished, 'cluster')} not finished and not stored; ${counted(report.clusters.length, 'finished cluster')} ${stored && history ? 'stored' : 'kept in the output only'}\n`,
      );
      return exitCode;
    }
    if (!stored) return STORE_EXIT_CODE;
    return exitCodeForSweep(report);
  } finally {
    await history?.store.close();
  }
}

interface SweepOutcome {
  runs: SweepRuns;
  interrupted?: { signal: string; unfinished: number; exitCode: number };
}

async function sweepFleet(flags: SweepFlags, settings: CheckSettings, only?: string): Promise<SweepOutcome> {
  const fleet = await openFleet(flags, settings);
  const interrupt = interruptOnSignals((line) => process.stderr.write(`\nfleetcheck: ${line}\n`));
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
    const runs = await sweepClusters({
      targets,
      runChecks: runClusterChecks,
      settings,
      ...(flags.concurrency ? { clusterConcurrency: flags.concurrency } : {}),
      ...(flags.deadline ? { clusterDeadlineMs: flags.deadline * 1000 } : {}),
      onProgress: (p) => progress.update(p),
      signal: interrupt.signal,
    });
    progress.end();
    const signal = interrupt.received();
    const exitCode = interrupt.exitCode();
    if (!signal || exitCode === undefined) return { runs };
    return { runs, interrupted: { signal, exitCode, unfinished: targets.length - runs.clusters.length } };
  } finally {
    interrupt.dispose();
    await fleet.close();
  }
}

/** `fleetcheck sweep`. */
export async function sweepAction(raw: unknown): Promise<void> {
  limitHeapGrowth();
  process.exitCode = await sweepCommand(parseSweepFlags(raw));
}
