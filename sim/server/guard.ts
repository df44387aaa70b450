import type { ClusterSim } from '../cluster/cluster-sim.ts';
import { ofType } from '../cluster/faults.ts';
import { failure, type StatusBody } from './status.ts';

const MESSAGES: Record<number, (path: string, user: string) => string> = {
  401: () => 'Unauthorized',
  403: (path, user) => `forbidden: User "${user}" cannot get path "${path}"`,
  429: () => 'Too many requests, please try again later.',
  500: () => 'Internal error occurred: etcdserver: request timed out',
  503: () => 'the server is currently unable to handle the request',
};

/** Per-fault counters of matching requests, so `every: n` fails each n-th one. */
export class ApiErrorCounter {
  private readonly counts = new Map<number, number>();

  /** The injected error for this request, if an active `api-error` fault fires on it. */
  check(
    cluster: ClusterSim,
    path: string,
    user: string,
  ): { status: StatusBody; headers: Record<string, string> } | undefined {
    for (const a of ofType(cluster.active(), 'api-error')) {
      if (a.fault.path !== undefined && !new RegExp(a.fault.path).test(path)) continue;
      const n = (this.counts.get(a.index) ?? 0) + 1;
      this.counts.set(a.index, n);
      if (n % a.fault.every !== 0) continue;
      const code = a.fault.status;
      const status = failure(
        code,
        (MESSAGES[code] ?? (() => 'simulated error'))(path, user),
        code === 429 ? { retryAfterSeconds: 1 } : undefined,
      );
      return { status, headers: code === 429 ? { 'Retry-After': '1' } : {} };
    }
    return undefined;
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Request latency now: `latency.apiMs` plus active `api-latency` faults. */
export function requestDelayMs(cluster: ClusterSim): number {
  return (
    cluster.world.cluster.latency.apiMs +
    ofType(cluster.active(), 'api-latency').reduce((n, a) => n + a.fault.ms, 0)
  );
}
