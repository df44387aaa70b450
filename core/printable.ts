import { redactSecrets } from './text/redact.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Escapes control characters (`\n`, `\t`, `\x1b`…) so untrusted text stays on one printable line.
 * @example escapeControl('a\u001b[31mb\n') // 'a\\x1b[31mb\\n'
 */
export function escapeControl(raw: string): string {
  return raw.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/**
 * Sanitised lines already computed: a sweep repeats the same hints and messages for every cluster and agent,
 * and each costs a dozen regular-expression passes. Bounded (cleared when full), short texts only.
 */
const memo = new Map<string, string>();
const MEMO_ENTRIES = 4096;
const MEMO_MAX_CHARS = 2048;

/**
 * The one sanitiser of text from outside (cluster output, API bodies, plugin and driver errors): one printable
 * line of at most `max` characters, anything that looks like a credential redacted, control characters escaped,
 * the rest cut with `…`.
 * @example printableLine('x'.repeat(5000), 10) // 'xxxxxxxxx…'
 */
export function printableLine(raw: string, max: number): string {
  const key = raw.length <= MEMO_MAX_CHARS ? `${max}:${raw}` : undefined;
  const known = key === undefined ? undefined : memo.get(key);
  if (known !== undefined) return known;
  const escaped = escapeControl(redactSecrets(raw));
  const line = escaped.length <= max ? escaped : `${escaped.slice(0, max - 1)}…`;
  if (key !== undefined) {
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(key, line);
  }
  return line;
}
