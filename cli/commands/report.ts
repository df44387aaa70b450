import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isoWeekOf } from '../../core/analysis/iso-week.ts';
import { weeklyHtml, weeklyMarkdown } from '../../core/analysis/weekly-render.ts';
import { reportForWeek } from '../../db/report-for-week.ts';
import { choice, dbOption, withStore } from './db.ts';

export function registerReport(program: Command): void {
  const report = program.command('report').description('reports over the stored history');
  report
    .command('weekly')
    .description(
      'the weekly regression report of an ISO week (default: the current week; a past week uses the stored report when there is one)',
    )
    .option(...dbOption)
    .option('--week <week>', 'ISO week, e.g. 2026-W47')
    .option('--format <format>', 'md | html | json', 'md')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (o: { db?: string; week?: string; format: string; out?: string }) => {
      const format = choice('--format', o.format, ['md', 'html', 'json'] as const);
      const now = new Date();
      const week = o.week ?? isoWeekOf(now);
      const r = await withStore(o.db, (s) => reportForWeek(s, week, now));
      const text =
        format === 'json'
          ? `${JSON.stringify(r, null, 2)}\n`
          : format === 'html'
            ? weeklyHtml(r)
            : weeklyMarkdown(r);
      if (o.out) {
        writeFileSync(o.out, text);
        process.stdout.write(`wrote ${o.out}\n`);
      } else process.stdout.write(text);
    });
}
