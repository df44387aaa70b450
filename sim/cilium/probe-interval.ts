import { cutovers } from './cutovers.ts';
import { formatGoDuration } from './go-duration.ts';

/**
 * cilium-health probe interval as Go prints it. Before 1.18 a fixed 60 s ticker (`serverProbeInterval`); from 1.18
 * (10 s + 0.5 × 100 s) × ln(1 + probed IPs) (`backoff.ClusterSizeDependantInterval`), truncated to whole ns.
 * probeIntervalFor(4, "1.18.0") → "1m36.566274746s".
 */
export function probeIntervalFor(probedIps: number, version: string): string {
  const baseNs = 60e9;
  if (!cutovers.probeInterval(version) || probedIps <= 0) return formatGoDuration(baseNs);
  return formatGoDuration(Math.trunc(baseNs * Math.log1p(probedIps)));
}
