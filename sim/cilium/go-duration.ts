/**
 * Go `time.Duration.String()` for a nanosecond count, e.g. 219002 → `219.002µs` (µ = U+00B5),
 * 1173948 → `1.173948ms`, 96566274746 → `1m36.566274746s`, 0 → `0s`.
 */
export function formatGoDuration(nanoseconds: number): string {
  let ns = Math.trunc(nanoseconds);
  if (ns === 0) return '0s';
  const neg = ns < 0;
  if (neg) ns = -ns;
  const sign = neg ? '-' : '';
  if (ns < 1_000) return `${sign}${ns}ns`;
  if (ns < 1_000_000) return `${sign}${fraction(ns, 3)}µs`;
  if (ns < 1_000_000_000) return `${sign}${fraction(ns, 6)}ms`;
  const totalSeconds = Math.floor(ns / 1e9);
  const fracNs = ns - totalSeconds * 1e9;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const secText = fraction(seconds * 1e9 + fracNs, 9);
  let out = sign;
  if (hours > 0) out += `${hours}h`;
  if (hours > 0 || minutes > 0) out += `${minutes}m`;
  return `${out}${secText}s`;
}

/** `value / 10^digits` printed with the fractional part's trailing zeros removed (Go's fmtFrac). */
function fraction(value: number, digits: number): string {
  const scale = 10 ** digits;
  const whole = Math.floor(value / scale);
  const frac = String(value - whole * scale)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}
