const texts = new WeakMap<object, string>();

/**
 * Parses a read-pool answer and remembers its JSON text, so a route can send that text as it came from the
 * worker instead of serialising the parsed value again (see `jsonTextOf`).
 * @example const fleet = fromJsonText<FleetView>(reply.json); jsonTextOf(fleet) === reply.json // true
 */
export function fromJsonText<T>(text: string): T {
  const value = JSON.parse(text) as T;
  if (typeof value === 'object' && value !== null) texts.set(value, text);
  return value;
}

/** `JSON.stringify(value)`: the text it was parsed from when it came from the read pool. */
export function jsonTextOf(value: unknown): string {
  return (typeof value === 'object' && value !== null && texts.get(value)) || JSON.stringify(value);
}
