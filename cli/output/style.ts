import pc from 'picocolors';
import type { Status } from '../../core/outcome.ts';

/** Terminal styling: colours only when `enabled` (a TTY without NO_COLOR). */
export function styles(enabled: boolean) {
  const c = pc.createColors(enabled);
  const byStatus: Record<Status, (s: string) => string> = {
    pass: c.green,
    warn: c.yellow,
    fail: (s) => c.bold(c.red(s)),
    error: c.magenta,
    skip: c.dim,
  };
  return {
    c,
    /** `text` (default: the status word) coloured for `status`. */
    status: (status: Status, text: string = status) => byStatus[status](text),
  };
}
export type Styles = ReturnType<typeof styles>;

/** Pads `text` to `width` visible columns (text is plain; colour is applied after padding). */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Truncates to `width` columns with an ellipsis. */
export function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Word-wraps `text` to `width` columns; continuation lines get `indent`.
 * @example wrap('a b c', 3, '') // ['a b', 'c']
 */
export function wrap(text: string, width: number, indent: string): string[] {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(/\s+/).filter(Boolean)) {
    const fresh = line.trim() === '';
    if (!fresh && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = fresh ? line + word : `${line} ${word}`;
    while (line.length > width && width > indent.length + 10) {
      lines.push(line.slice(0, width));
      line = indent + line.slice(width);
    }
  }
  lines.push(line);
  return lines;
}

/** Milliseconds as `812ms`, `4.2s` or `1m05s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
