/**
 * A CloudWatch Embedded Metric Format log line: CloudWatch Logs turns it into a metric in namespace
 * `fleetcheck` (no API call, no extra permission).
 * @example console.log(metricLine('ExpiredMessages', 2))
 */
export function metricLine(name: string, value: number, at: Date = new Date()): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        { Namespace: 'fleetcheck', Dimensions: [[]], Metrics: [{ Name: name, Unit: 'Count' }] },
      ],
    },
    [name]: value,
  });
}
