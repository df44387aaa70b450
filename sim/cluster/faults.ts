import type { Fault } from '../scenario/schema.ts';

/** A fault together with the clock time (ms) it became active. */
export interface ActiveFault<F extends Fault = Fault> {
  fault: F;
  index: number;
  sinceMs: number;
}

/** Faults active at `nowMs`: start+after ≤ now < start+until. */
export function activeFaults(faults: Fault[], startMs: number, nowMs: number): ActiveFault[] {
  const out: ActiveFault[] = [];
  faults.forEach((fault, index) => {
    const from = startMs + (fault.after ?? 0) * 1000;
    const to = fault.until === undefined ? Number.POSITIVE_INFINITY : startMs + fault.until * 1000;
    if (from <= nowMs && nowMs < to) out.push({ fault, index, sinceMs: from });
  });
  return out;
}

/** Active faults of one type. */
export function ofType<T extends Fault['type']>(
  active: ActiveFault[],
  type: T,
): ActiveFault<Extract<Fault, { type: T }>>[] {
  return active.filter((a) => a.fault.type === type) as ActiveFault<Extract<Fault, { type: T }>>[];
}

/** True when a fault with an optional `node` applies to `node` (omitted = every node). */
export function appliesTo(fault: { node?: string }, node: string): boolean {
  return fault.node === undefined || fault.node === node;
}
