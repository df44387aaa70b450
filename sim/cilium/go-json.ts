/** JSON as `cilium-dbg … -o json` prints it: `json.MarshalIndent(v, "", "  ")` (HTML characters escaped), a newline, then the empty line `dumpJSON` adds (pkg/command/output.go). */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  return `${text}\n\n`;
}
