const ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Go's strconv.Quote (`%q` of a string): printable characters kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    const named = ESCAPES[c];
    if (named) out += named;
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (c !== ' ' && /[\p{C}\p{Z}]/u.test(c))
      out += code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
    else out += c;
  }
  return `${out}"`;
}
