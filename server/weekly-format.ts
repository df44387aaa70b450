import type { WeeklyReport } from '../core/analysis/mesh-types.ts';
import { weeklyHtml, weeklyMarkdown } from '../core/analysis/weekly-render.ts';

/** Renders the weekly report as Markdown or self-contained HTML (the same renderers as `fleetcheck report weekly`). */
export function renderWeekly(report: WeeklyReport, format: 'md' | 'html'): string {
  return format === 'md' ? weeklyMarkdown(report) : weeklyHtml(report);
}
