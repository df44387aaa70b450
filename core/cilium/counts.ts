/**
 * True for an `n/total` pair as Cilium prints it (`1/2 reachable`, `1/2 remote clusters ready`): safe integers,
 * 0 ≤ n ≤ total.
 * @example isCountPair(1, 2) // true; isCountPair(3, 2) // false
 */
export function isCountPair(n: number, total: number): boolean {
  return Number.isSafeInteger(n) && Number.isSafeInteger(total) && n >= 0 && n <= total;
}
