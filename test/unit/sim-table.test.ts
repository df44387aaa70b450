import { describe, expect, it } from 'vitest';
import { renderCluster } from '../../sim/cluster/render.ts';
import { parseScenario, resolveClusters } from '../../sim/scenario/load.ts';
import { humanDuration } from '../../sim/server/human-duration.ts';
import { toTable, wantsTable } from '../../sim/server/table.ts';
import { buildWorld } from '../../sim/world/model.ts';

describe('sim Table output', () => {
  it('formats ages like kubectl', () => {
    expect(humanDuration(59_000)).toBe('59s');
    expect(humanDuration(150_000)).toBe('2m30s');
    expect(humanDuration(3 * 3600_000 + 5 * 60_000)).toBe('3h5m');
    expect(humanDuration(30 * 3600_000)).toBe('30h');
    expect(humanDuration(5 * 86400_000 + 2 * 3600_000)).toBe('5d2h');
    expect(humanDuration(40 * 86400_000)).toBe('40d');
  });

  it('detects the kubectl Table Accept header', () => {
    expect(wantsTable('application/json;as=Table;v=v1;g=meta.k8s.io,application/json')).toBe(true);
    expect(wantsTable('application/json, */*;q=0.8')).toBe(false);
  });

  it('builds pod rows with the real main and wide columns', () => {
    const [c] = resolveClusters(
      parseScenario(
        'version: 1\nclusters: [{ name: t, nodes: 2, faults: [{ type: agent-crashloop, node: node-1 }] }]',
      ),
    );
    if (!c) throw new Error('scenario');
    const start = Date.parse('2026-01-01T00:00:00Z');
    const w = buildWorld(c, 0, 1, start);
    const active = c.faults.map((fault, index) => ({ fault, index, sinceMs: start }));
    const pods = renderCluster(w, active, start)
      .objects.filter((o) => o.obj.metadata.labels?.['k8s-app'] === 'cilium')
      .map((o) => o.obj);
    const table = toTable('pods', pods, '7', start) as {
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: unknown[] }[];
    };
    expect(table.columnDefinitions.filter((d) => d.priority === 0).map((d) => d.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
    ]);
    expect(table.columnDefinitions.filter((d) => d.priority === 1).map((d) => d.name)).toEqual([
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    const crash = table.rows.find((r) => r.cells[6] === 'node-1');
    expect(crash?.cells.slice(1, 3)).toEqual(['0/1', 'CrashLoopBackOff']);
    expect(table.rows.find((r) => r.cells[6] === 'node-2')?.cells.slice(1, 3)).toEqual(['1/1', 'Running']);
  });
});
