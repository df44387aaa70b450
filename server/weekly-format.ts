import type { WeeklyReport } from '../core/analysis/mesh-types.ts';

/** Renders the weekly report as Markdown or self-contained HTML. */
export function renderWeekly(report: WeeklyReport, format: 'md' | 'html'): string {
  const md = `# Weekly report ${report.week}\n\nFleet score: ${report.fleetScore ?? 'n/a'}\n`;
  return format === 'md' ? md : `<!doctype html><html><body><pre>${md}</pre></body></html>`;
}
