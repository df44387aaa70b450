/**
 * Go `text/tabwriter` (space padding, left aligned, no flags) re-implemented: cells are
 * tab-terminated, the text after the last tab of a line is not part of any column, and a column
 * block is a run of consecutive lines that have a tab-terminated cell in that column.
 * Widths are counted in code points like Go's rune count.
 */
export function tabwrite(text: string, minwidth: number, padding: number): string {
  const endsWithNewline = text.endsWith('\n');
  const body = endsWithNewline ? text.slice(0, -1) : text;
  const lines = body.split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];
  const opts = { minwidth, padding };
  format(lines, widths, 0, lines.length, out, opts);
  const joined = out.join('\n');
  return endsWithNewline ? `${joined}\n` : joined;
}

interface Opts {
  minwidth: number;
  padding: number;
}

const runeLength = (s: string): number => [...s].length;

function format(
  lines: string[][],
  widths: number[],
  start: number,
  end: number,
  out: string[],
  opts: Opts,
): void {
  const column = widths.length;
  let line0 = start;
  for (let i = start; i < end; i++) {
    if (column >= (lines[i]?.length ?? 0) - 1) continue;
    writeLines(lines, widths, line0, i, out);
    line0 = i;
    let width = opts.minwidth;
    for (; i < end; i++) {
      const cells = lines[i] ?? [];
      if (column >= cells.length - 1) break;
      width = Math.max(width, runeLength(cells[column] ?? '') + opts.padding);
    }
    widths.push(width);
    format(lines, widths, line0, i, out, opts);
    widths.pop();
    line0 = i;
  }
  writeLines(lines, widths, line0, end, out);
}

function writeLines(lines: string[][], widths: number[], from: number, to: number, out: string[]): void {
  for (let i = from; i < to; i++) {
    const cells = lines[i] ?? [];
    let text = '';
    cells.forEach((cell, j) => {
      text += cell;
      const width = widths[j];
      if (width !== undefined) {
        text += ' '.repeat(Math.max(0, width - runeLength(cell)));
      }
    });
    out.push(text);
  }
}
