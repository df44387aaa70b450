/**
 * Appends `values` to the list `map` holds at `key`, starting it when absent (in place: no copy per append).
 * @example const byNode = new Map<string, number[]>(); appendTo(byNode, 'n1', 3); appendTo(byNode, 'n1', 5) // n1 → [3, 5]
 */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}
