import { printableLine } from '../printable.ts';

/** Outcome of parsing untrusted command output: a value, or why not plus a short, printable snippet. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string; snippet: string };

const SNIPPET_MAX = 120;

/**
 * A printable excerpt of raw output: control characters escaped, at most 120 characters.
 * @example snippet('\u0000garbage') // '\\x00garbage'
 */
export function snippet(raw: string): string {
  return printableLine(raw, SNIPPET_MAX);
}

/** A successful parse. */
export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failed parse quoting the start of the raw output. */
export function unparsed<T>(error: string, raw: string): ParseResult<T> {
  return { ok: false, error, snippet: snippet(raw.trim()) };
}
