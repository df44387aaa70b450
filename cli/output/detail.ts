import type { ClusterReport, SweepReport } from '../../core/sweep/report.ts';
import { clip, type Styles } from './style.ts';
import { renderSweepTable } from './table.ts';

function facts(c: ClusterReport, width: number): string[] {
  const where = [c.provider, c.region, c.account].filter(Boolean).join(' / ');
  const lines = [
    `cluster ${c.name}${where ? ` (${where})` : ''}: Cilium ${c.ciliumVersion ?? 'unknown'}, cluster-id ${c.clusterId ?? 'unknown'}`,
  ];
  if (c.config && Object.keys(c.config).length > 0) {
    lines.push(
      clip(
        `  config: ${Object.entries(c.config)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
        width,
      ),
    );
  }
  const labels = Object.entries(c.labels ?? {});
  if (labels.length > 0)
    lines.push(clip(`  labels: ${labels.map(([k, v]) => `${k}=${v}`).join(' ')}`, width));
  if (c.healthLinks && c.healthLinks.length > 0) {
    const bad = c.healthLinks.filter((l) => !l.ok);
    const rtts = c.healthLinks.flatMap((l) => (l.rttMs === undefined ? [] : [l.rttMs])).sort((a, b) => a - b);
    const max = rtts.at(-1);
    lines.push(
      `  health paths: ${c.healthLinks.length} measured, ${bad.length} failing${max === undefined ? '' : `, max RTT ${max.toFixed(2)}ms`}`,
    );
    for (const l of bad.slice(0, 10)) {
      lines.push(clip(`    ${l.from} -> ${l.to} ${l.target}/${l.probe}: ${l.error ?? 'failed'}`, width));
    }
  }
  for (const v of c.mesh ?? []) {
    const state = v.ready ? 'ready' : 'NOT ready';
    const conf = v.configured ? 'configured' : 'not configured';
    lines.push(
      clip(
        `  mesh peer ${v.peer}: ${state} on ${v.agentsReady}/${v.agentsSampled} sampled agents (${conf})${v.message ? ` — ${v.message}` : ''}`,
        width,
      ),
    );
  }
  return lines;
}

/** `fleetcheck check <cluster>`: the cluster's facts, then every result (pass included) with evidence and metrics. */
export function renderClusterDetail(report: SweepReport, o: { styles: Styles; width?: number }): string {
  const width = o.width ?? 120;
  const head = report.clusters.flatMap((c) => facts(c, width));
  return `${head.join('\n')}\n\n${renderSweepTable(report, { ...o, detail: true })}`;
}
