/** cilium-health's default base probe interval: 10 s + ratio × 100 s with the default ratio 0.5 = 60 s. */
export function healthBaseIntervalSeconds(frequencyRatio = 0.5): number {
  const r = Math.min(1, Math.max(0, frequencyRatio));
  return 10 + r * 100;
}

/**
 * The interval cilium-health spreads one probe round over: base × ln(1 + probed IPs)
 * (`backoff.ClusterSizeDependantInterval`). Not 30 s: 2 nodes (4 IPs) → 96.57 s.
 * @example modelProbeIntervalSeconds(4) // 96.566...
 */
export function modelProbeIntervalSeconds(probedIPs: number, frequencyRatio = 0.5): number {
  const base = healthBaseIntervalSeconds(frequencyRatio);
  if (probedIPs <= 0) return base;
  return base * Math.log(1 + probedIPs);
}
