import { isCountPair } from './counts.ts';
import { type ParseResult, parsed, unparsed } from './parse-result.ts';

export type BriefStatus = { healthy: true } | { healthy: false; component: string; message: string };

/**
 * Parses `cilium-dbg status --brief`: `OK` or `error in <component>: <msg>` (also `cilium: daemon unreachable`).
 * @example parseStatusBrief('error in kvstore: quorum lost') // { healthy: false, component: 'kvstore', ... }
 */
export function parseStatusBrief(raw: string): ParseResult<BriefStatus> {
  const line = raw.trim().split(/\r?\n/)[0]?.trim() ?? '';
  if (line === 'OK') return parsed({ healthy: true });
  const m = /^error in ([^:]+):\s*(.*)$/.exec(line);
  if (m) return parsed({ healthy: false, component: (m[1] as string).trim(), message: m[2] ?? '' });
  const u = /^cilium:\s*(daemon unreachable.*)$/.exec(line);
  if (u) return parsed({ healthy: false, component: 'cilium', message: u[1] ?? '' });
  return unparsed('not a `status --brief` line', raw);
}

/** The `ClusterMesh:` line of text status: `1/2 remote clusters ready, 0 global-services` (all versions). */
export function parseClusterMeshLine(raw: string): { ready: number; total: number } | null {
  const m = /ClusterMesh:\s+(\d+)\/(\d+) (?:remote )?clusters ready/.exec(raw);
  if (!m) return null;
  const ready = Number(m[1]);
  const total = Number(m[2]);
  return isCountPair(ready, total) ? { ready, total } : null;
}
