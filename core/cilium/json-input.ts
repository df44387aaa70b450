import type { z } from 'zod';
import { withoutGoNils } from './go-json-values.ts';
import { type ParseResult, parsed, snippet, unparsed } from './parse-result.ts';

/**
 * Parses JSON text Go printed with a zod schema (Go `null`s read as absent, see {@link withoutGoNils}); garbage,
 * empty or truncated output becomes a failed result, never a throw.
 * @example parseJsonWith(schema, '{"cilium":{"state":"Ok"}}', 'status')
 */
export function parseJsonWith<S extends z.ZodType>(
  schema: S,
  raw: string,
  what: string,
): ParseResult<z.output<S>> {
  const text = raw.trim();
  if (text === '') return unparsed(`empty ${what} output`, raw);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return unparsed(`${what} output is not JSON (${snippet((err as Error).message)})`, raw);
  }
  const result = schema.safeParse(withoutGoNils(data));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
    return unparsed(`unexpected ${what} JSON shape at ${where}`, raw);
  }
  return parsed(result.data);
}
