import pc from 'picocolors';

/** The loud start-up banner: the URL, that the fleet is simulated, and where its history is kept. */
export function banner(url: string, clusters: number, db: string): string {
  const line = '='.repeat(72);
  const color = process.stderr.isTTY ? pc.yellow : (s: string) => s;
  return color(
    [
      line,
      `  SIMULATED FLEET: ${clusters} fake clusters on loopback. Nothing here is a real cluster.`,
      '  fleetcheck demo: seven days of history are being backfilled on a simulated clock,',
      '  then the fleet is swept live every minute.',
      `  History:    SQLite file ${db} (embedded default; recreated at every demo start)`,
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
