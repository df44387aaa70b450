import type { AgentView, ControllerView } from './agent-view.ts';
import { failingControllers } from './status-values.ts';
import { tabwrite } from './tabwriter.ts';

/**
 * `Controller Status:\tok/total healthy`, then (when any fail, or with --all-controllers) a
 * nested table `  Name  Last success  Last error  Count  Message` aligned by its own tabwriter
 * (padding 3), as cilium formats it before writing into the outer status writer.
 */
export function renderControllerLines(view: AgentView, all: boolean): string[] {
  const failing = failingControllers(view);
  const total = view.controllers.length;
  const lines = [`Controller Status:\t${total - failing.length}/${total} healthy`];
  const shown = all ? view.controllers : failing;
  if (shown.length === 0) return lines;
  // cilium sorts header and rows together with sort.Strings (byte order)
  const rows = ['  Name\tLast success\tLast error\tCount\tMessage', ...shown.map(row)].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const table = tabwrite(`${rows.join('\n')}\n`, 0, 3);
  return [...lines, ...table.replace(/\n$/, '').split('\n')];
}

function row(c: ControllerView): string {
  const failing = c.failureMessage !== undefined && c.failureMessage !== '';
  const lastSuccess = failing ? 'never' : '14s ago';
  const lastError = failing ? '3s ago' : 'never';
  const count = failing ? (c.failureCount ?? 1) : 0;
  const msg = failing ? (c.failureMessage ?? '') : 'no error';
  return `  ${c.name}\t${lastSuccess}\t${lastError}\t${count}\t${msg}\t`;
}
