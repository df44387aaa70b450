import type { Status } from '../outcome.ts';
import type { Flap } from './types.ts';

/** One status change of a (cluster, check, subject) between two consecutive runs. */
export interface StatusChange {
  cluster: string;
  check: string;
  subject: string;
  at: number;
  from: Status;
  to: Status;
}

/**
 * Flapping = a (cluster, check, subject) whose status changed at least `minChanges` times (default 3) in the
 * given changes (already limited to the window). Most changes first.
 * @example flapping(changes, 3)[0] // { cluster: 'a', check: 'mesh.peer.connected', changes: 4, ... }
 */
export function flapping(changes: readonly StatusChange[], minChanges = 3): Flap[] {
  const groups = new Map<string, StatusChange[]>();
  for (const c of changes) {
    const k = `${c.cluster}\u0000${c.check}\u0000${c.subject}`;
    const list = groups.get(k);
    if (list) list.push(c);
    else groups.set(k, [c]);
  }
  const out: Flap[] = [];
  for (const list of groups.values()) {
    if (list.length < minChanges) continue;
    list.sort((a, b) => a.at - b.at);
    const first = list[0];
    const last = list[list.length - 1];
    if (!first || !last) continue;
    out.push({
      cluster: first.cluster,
      check: first.check,
      subject: first.subject,
      changes: list.length,
      statuses: [first.from, ...list.map((c) => c.to)],
      lastChangeAt: new Date(last.at).toISOString(),
      lastStatus: last.to,
    });
  }
  return out.sort(
    (a, b) => b.changes - a.changes || a.cluster.localeCompare(b.cluster) || a.check.localeCompare(b.check),
  );
}
