/** JSON as Go's `json.MarshalIndent(v, "", "  ")` prints it (HTML characters escaped), plus newline. */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  return `${text}\n`;
}
