import { parseSemver } from './version-text.ts';

/** Before Cilium 1.18 the health prober fires every path at once on a fixed 60 s ticker (`serverProbeInterval`). */
const FIXED_PROBE_INTERVAL_SECONDS = 60;

const DEFAULT_RATIO = 0.5;

/** True when the Cilium version sizes the probe interval by cluster size and reports it (1.18+). */
export function hasSizedProbeInterval(version: string | undefined): boolean {
  const v = version ? parseSemver(version) : null;
  return v !== null && (v.major > 1 || (v.major === 1 && v.minor >= 18));
}

/**
 * 1.18+ base interval: (10 + ratio × 100) s; a `connectivity-probe-frequency-ratio` outside [0, 1] is replaced by
 * the default 0.5 (the agent logs a warning and does the same).
 */
export function healthBaseIntervalSeconds(frequencyRatio = DEFAULT_RATIO): number {
  const r = frequencyRatio >= 0 && frequencyRatio <= 1 ? frequencyRatio : DEFAULT_RATIO;
  return 10 + r * 100;
}

/**
 * The interval cilium-health 1.18+ spreads one probe round over: base × ln(1 + probed IPs)
 * (`backoff.ClusterSizeDependantInterval`). Not 30 s: 2 nodes (4 IPs) → 96.57 s.
 * @example modelProbeIntervalSeconds(4) // 96.566...
 */
export function modelProbeIntervalSeconds(probedIPs: number, frequencyRatio = DEFAULT_RATIO): number {
  const base = healthBaseIntervalSeconds(frequencyRatio);
  if (probedIPs <= 0) return base;
  return base * Math.log1p(probedIPs);
}

/**
 * The probe interval of a Cilium version: fixed 60 s before 1.18, the sized model from 1.18 (and when unknown).
 * @example probeIntervalSecondsFor('1.16.5', 200) // 60
 */
export function probeIntervalSecondsFor(
  version: string | undefined,
  probedIPs: number,
  frequencyRatio = DEFAULT_RATIO,
): number {
  if (version !== undefined && parseSemver(version) && !hasSizedProbeInterval(version))
    return FIXED_PROBE_INTERVAL_SECONDS;
  return modelProbeIntervalSeconds(probedIPs, frequencyRatio);
}
