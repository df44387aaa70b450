export interface RouteStats {
  route: string;
  count: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
}

export interface ClientStats {
  total: number;
  errors: number;
  byRoute: RouteStats[];
  /** The first few error answers, `status route`. */
  samples: string[];
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * `clients` concurrent loops, each requesting the routes in turn (from its own offset) until `until` (ms);
 * every answer is read in full; a status ≥ 400 or a failed request counts as an error.
 * @example await runClients({ url, token, clients: 50, until: Date.now() + 10_000, routes: ['/healthz'] })
 */
export async function runClients(o: {
  url: string;
  token: string;
  clients: number;
  until: number;
  routes: string[];
}): Promise<ClientStats> {
  const times = new Map<string, number[]>(o.routes.map((r) => [r, []]));
  const errors = new Map<string, number>();
  const samples: string[] = [];
  const headers = { authorization: `Bearer ${o.token}` };
  const fail = (route: string, what: string) => {
    errors.set(route, (errors.get(route) ?? 0) + 1);
    if (samples.length < 5) samples.push(`${what} ${route}`);
  };
  await Promise.all(
    Array.from({ length: o.clients }, async (_, c) => {
      for (let i = c; Date.now() < o.until; i++) {
        const route = o.routes[i % o.routes.length] as string;
        const t0 = performance.now();
        try {
          const res = await fetch(`${o.url}${route}`, { headers, signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          if (res.status >= 400) fail(route, String(res.status));
        } catch (err) {
          fail(route, (err as Error).name);
        }
        times.get(route)?.push(performance.now() - t0);
      }
    }),
  );
  const byRoute = o.routes.map((route) => {
    const t = (times.get(route) ?? []).sort((a, b) => a - b);
    return {
      route,
      count: t.length,
      errors: errors.get(route) ?? 0,
      p50: pct(t, 50),
      p95: pct(t, 95),
      max: t.at(-1) ?? 0,
    };
  });
  const total = byRoute.reduce((a, r) => a + r.count, 0);
  return { total, errors: [...errors.values()].reduce((a, b) => a + b, 0), byRoute, samples };
}
