import pc from 'picocolors';

/** The loud start-up banner: the URL, and that the fleet is simulated. */
export function banner(url: string, clusters: number): string {
  const line = '='.repeat(72);
  const color = process.stderr.isTTY ? pc.yellow : (s: string) => s;
  return color(
    [
      line,
      `  SIMULATED FLEET: ${clusters} fake clusters on loopback. Nothing here is a real cluster.`,
      '  fleetcheck demo: seven days of history are being backfilled on a simulated clock,',
      '  then the fleet is swept live every minute.',
      '',
      `  Dashboard:  ${url}/`,
      `  API:        ${url}/api/v1/fleet   (OpenAPI: ${url}/openapi.json)`,
      `  Metrics:    ${url}/metrics`,
      '',
      '  Stop with Ctrl-C.',
      line,
    ].join('\n'),
  );
}
