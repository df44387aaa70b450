import { Cron } from 'croner';
import type { History } from '../core/history/history.ts';
import { every } from '../core/time/timers.ts';
import type { Sweeper } from './sweeper.ts';
import { runWeeklyReportJob } from './weekly-job.ts';

export interface SchedulerOptions {
  sweeper: Sweeper;
  store: History;
  intervalMs: number;
  /** Sweep right away instead of after the first interval (default true). */
  immediate?: boolean;
  log: (line: string) => void;
  now?: () => Date;
}

/**
 * Sweeps every `intervalMs` (skipping a tick while a sweep still runs) and builds and stores last week's report on Mondays
 * (06:00 UTC).
 * @example const stop = startScheduler({ sweeper, store, intervalMs: 300_000, log }); stop();
 */
export function startScheduler({
  sweeper,
  store,
  intervalMs,
  immediate = true,
  log,
  now = () => new Date(),
}: SchedulerOptions) {
  const tick = () => {
    const running = sweeper.current();
    if (running) {
      log(`sweep ${running.id} still running; skipping this tick`);
      return;
    }
    sweeper.trigger('schedule');
  };
  if (immediate) tick();
  const timer = every(intervalMs, tick);
  const weekly = new Cron('0 6 * * 1', { timezone: 'UTC', protect: true }, async () => {
    await runWeeklyReportJob(store, now(), log);
  });
  return function stopScheduler() {
    timer.cancel();
    weekly.stop();
  };
}
