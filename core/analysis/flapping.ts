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
 * given changes (already limited to the window). Most changes first. `skip` is not a status change: only a change
 * between two non-skip statuses counts (pass→skip→pass is 0 changes, pass→skip→fail is 1), because quick sweeps
 * alternate pass ↔ skip for checks that run only every Nth sweep.
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
    list.sort((a, b) => a.at - b.at);
    const flap = countChanges(list);
    if (flap && flap.changes >= minChanges) out.push(flap);
  }
  return out.sort(
    (a, b) => b.changes - a.changes || a.cluster.localeCompare(b.cluster) || a.check.localeCompare(b.check),
  );
}

/** The non-skip status changes of one subject's time-ordered changes; undefined when it has none. */
function countChanges(list: readonly StatusChange[]): Flap | undefined {
  const head = list[0];
  if (!head) return undefined;
  let current: Status | undefined = head.from === 'skip' ? undefined : head.from;
  const statuses: Status[] = current ? [current] : [];
  let last: StatusChange | undefined;
  for (const c of list) {
    if (c.to === 'skip') continue;
    if (current !== undefined && c.to !== current) {
      statuses.push(c.to);
      last = c;
    } else if (current === undefined) statuses.push(c.to);
    current = c.to;
  }
  if (!last) return undefined;
  return {
    cluster: head.cluster,
    check: head.check,
    subject: head.subject,
    changes: statuses.length - 1,
    statuses,
    lastChangeAt: new Date(last.at).toISOString(),
    lastStatus: last.to,
  };
}
