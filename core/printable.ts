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
 * The one sanitiser of text from outside (cluster output, API bodies, plugin and driver errors): one printable
 * line of at most `max` characters, anything that looks like a credential redacted, control characters escaped,
 * the rest cut with `…`.
 * @example printableLine('x'.repeat(5000), 10) // 'xxxxxxxxx…'
 */
export function printableLine(raw: string, max: number): string {
  const escaped = escapeControl(redactSecrets(raw));
  return escaped.length <= max ? escaped : `${escaped.slice(0, max - 1)}…`;
}
