import { isCountPair } from './counts.ts';
import { parseGoDurationMs } from './go-duration.ts';
import { type ParseResult, parsed, unparsed } from './parse-result.ts';

interface HealthTextNode {
  name: string;
  local: boolean;
  /**
   * Failing probe lines (classic: prefixed with the path and address, e.g. `Secondary Host fd00::12 ICMP to stack:
   * Connection timed out`) or failing columns (table: `node: 1/2` counts every address, secondaries included).
   */
  failures: string[];
}

export interface HealthText {
  probeIntervalMs?: number;
  reachable?: number;
  total?: number;
  nodes: HealthTextNode[];
}

const SUMMARY = /Cluster health:\s+(\d+)\/(\d+) reachable(?:.*\(Probe interval:\s*([^)]+)\))?/;
const CLASSIC_NODE = /^ {2}(\S[^:]*?)(?: \((localhost)\))?:\s*$/;
const PROBE_LINE = /^\s+(ICMP to stack|HTTP to agent):\s+(.*)$/;
/**
 * `Host connectivity to <ip>:` / `Secondary Endpoint connectivity to <ip>:` (pkg/health/client formatPathStatus);
 * before 1.17 a secondary path is only `Secondary connectivity to <ip>:`.
 */
const PATH_LINE = /^\s+((?:Secondary )?(?:Host|Endpoint)|Secondary) connectivity to (\S+?):\s*$/;
/** The 1.18+ `(Last probed: <RFC 3339>)` column after a probe result. */
const LAST_PROBED = /\s+\(Last probed: [^)]*\)\s*$/;
const TABLE_ROW =
  /^\s*(\S+)(?: \((localhost)\))?\s+(\S+)\s+(\S+(?: \(\d+ unknown\))?)\s+(\S+(?: \(\d+ unknown\))?)\s*$/;

function tableFailed(cell: string): boolean {
  if (cell === 'unreachable') return true;
  const m = /^(\d+)\/(\d+)/.exec(cell);
  return m ? Number(m[1]) < Number(m[2]) : false;
}

/**
 * Parses text `cilium-health status` — classic per-node blocks (≤ 1.16, and `--verbose` later) and the 1.17+ count
 * table (docs/cilium-formats.md).
 * @example parseHealthText('Cluster health: 1/2 reachable (2025-08-03T14:23:55Z) (Probe interval: 1m36s)')
 */
export function parseHealthText(raw: string): ParseResult<HealthText> {
  const out: HealthText = { nodes: [] };
  let current: HealthTextNode | undefined;
  let path = '';
  let inTable = false;
  for (const line of raw.split(/\r?\n/)) {
    const sum = SUMMARY.exec(line);
    if (sum) {
      out.reachable = Number(sum[1]);
      out.total = Number(sum[2]);
      if (!isCountPair(out.reachable, out.total)) {
        return unparsed('"Cluster health:" counts are not a plausible reachable/total pair', raw);
      }
      if (sum[3]) out.probeIntervalMs = parseGoDurationMs(sum[3]) ?? undefined;
      continue;
    }
    if (/^\s*Name\s+IP\s+Node\s+Endpoints/.test(line)) {
      inTable = true;
      continue;
    }
    const via = PATH_LINE.exec(line);
    if (via && current) {
      path = `${via[1]} ${via[2]} `;
      continue;
    }
    const probe = PROBE_LINE.exec(line);
    if (probe && current) {
      const result = (probe[2] as string).replace(LAST_PROBED, '');
      if (!/^OK\b/.test(result)) current.failures.push(`${path}${probe[1]}: ${result}`);
      continue;
    }
    const node = CLASSIC_NODE.exec(line);
    if (node && !/connectivity to/.test(line) && !/^Nodes/.test(line.trim())) {
      current = { name: node[1] as string, local: node[2] === 'localhost', failures: [] };
      path = '';
      out.nodes.push(current);
      inTable = false;
      continue;
    }
    const row = inTable ? TABLE_ROW.exec(line) : null;
    if (row) {
      const failures: string[] = [];
      if (tableFailed(row[4] as string)) failures.push(`node: ${row[4]}`);
      if (tableFailed(row[5] as string)) failures.push(`endpoints: ${row[5]}`);
      out.nodes.push({ name: row[1] as string, local: row[2] === 'localhost', failures });
    }
  }
  if (out.total === undefined && out.nodes.length === 0) {
    return unparsed('no "Cluster health:" summary and no node blocks', raw);
  }
  return parsed(out);
}
