import { formatGoDuration } from './go-duration.ts';

/**
 * cilium-health probe interval as Go prints it: base 60 s (10 s + 0.5 × 100 s from
 * `connectivity-probe-frequency-ratio`; a fixed 60 s base before that option existed) scaled by
 * `backoff.ClusterSizeDependantInterval` = base × ln(1 + probed IPs), truncated to whole ns.
 * probeIntervalFor(4, "1.17.0") → "1m36.566274746s".
 */
export function probeIntervalFor(probedIps: number, _version: string): string {
  const baseNs = 60e9;
  if (probedIps <= 1) return formatGoDuration(baseNs);
  return formatGoDuration(Math.trunc(baseNs * Math.log1p(probedIps)));
}
