/** The simulator's clock: real time shifted by an offset the backfill moves hour by hour. */
export function shiftedClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    /** Makes `now()` read `at` (and keep ticking from there). */
    set(at: number) {
      offset = at - Date.now();
    },
    reset() {
      offset = 0;
    },
  };
}
