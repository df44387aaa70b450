import { writeFileSync } from 'node:fs';
import { isoWeekOf } from '../../core/analysis/iso-week.ts';
import { weeklyHtml, weeklyMarkdown } from '../../core/analysis/weekly-render.ts';
import { reportForWeek } from '../../core/history/weekly.ts';
import { choice, withStore } from './db.ts';

/** `fleetcheck report weekly`. */
export async function weeklyReportAction(o: {
  db?: string;
  week?: string;
  format: string;
  out?: string;
}): Promise<void> {
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
}
