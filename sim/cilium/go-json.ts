const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

/** JSON as `cilium-dbg … -o json` prints it: `json.MarshalIndent(v, "", "  ")` (HTML characters escaped), a newline, then the empty line `dumpJSON` adds (pkg/command/output.go). */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(/[<>&]/g, (c) => HTML_ESCAPES[c] ?? c);
  return `${text}\n\n`;
}
