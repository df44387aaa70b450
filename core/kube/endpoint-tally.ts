import type { CiliumEndpointInfo, CiliumEndpointSummary } from './cluster-api.ts';

/**
 * Counts CiliumEndpoints as they stream in (page by page), keeping only counts and the first `sampleSize`
 * endpoints that are not `ready`.
 * @example const t = new EndpointTally(25); for (const e of page) t.add(e); t.summary().notReady
 */
export class EndpointTally {
  private total = 0;
  private notReady = 0;
  private readonly byState: Record<string, number> = {};
  private readonly sample: CiliumEndpointInfo[] = [];

  constructor(private readonly sampleSize = 25) {}

  add(e: CiliumEndpointInfo): void {
    this.total += 1;
    const key = e.state ? e.state : 'unknown';
    this.byState[key] = (this.byState[key] ?? 0) + 1;
    if (!e.state || e.state === 'ready') return;
    this.notReady += 1;
    if (this.sample.length < this.sampleSize) this.sample.push(e);
  }

  summary(): CiliumEndpointSummary {
    return {
      total: this.total,
      byState: { ...this.byState },
      notReady: this.notReady,
      notReadySample: [...this.sample],
    };
  }
}
