/**
 * `n` with the noun in the right number; the plural defaults to `${singular}s`.
 * @example counted(1, 'recovery', 'recoveries') // '1 recovery'
 */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
