import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../core/fleet/load-fleet.ts';
import { connectQueued } from '../../core/serverless/connect.ts';
import { checkClusterMessageSchema, toQueuedTarget } from '../../core/sweep/queue-message.ts';
import { runCluster } from '../../core/sweep/run-cluster.ts';

const ROLE = 'arn:aws:iam::210987654321:role/fleetcheck-spoke';

describe('EKS discovery that fails', () => {
  it('becomes an error target for that account and region, in the process and across the queue, plus a note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-disc-'));
    const file = join(dir, 'fleet.yaml');
    // Nothing listens on port 9: ListClusters cannot be answered.
    writeFileSync(
      file,
      [
        'version: 1',
        `eks: { discover: [{ regions: [eu-west-1], roleArn: "${ROLE}", endpoint: "http://127.0.0.1:9", labels: { tier: t1 } }] }`,
      ].join('\n'),
    );
    const notes: string[] = [];
    const targets = await loadFleet({
      fleetFile: file,
      onNote: (n) => notes.push(n),
      eks: { credentials: async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' }) },
    });
    expect(targets.map((t) => t.name)).toEqual(['eks-discovery.210987654321.eu-west-1']);
    const [target] = targets;
    expect(target).toMatchObject({
      provider: 'eks',
      region: 'eu-west-1',
      account: '210987654321',
      labels: { tier: 't1' },
    });
    expect(notes.some((n) => n.startsWith('eu-west-1: '))).toBe(true);
    await expect(target?.connect()).rejects.toThrow(
      /EKS discovery of eu-west-1 as .*fleetcheck-spoke failed/,
    );
    const queued = checkClusterMessageSchema.shape.target.parse(
      JSON.parse(JSON.stringify(toQueuedTarget(target as Parameters<typeof toQueuedTarget>[0]))),
    );
    await expect(connectQueued(queued)).rejects.toThrow(/EKS discovery of eu-west-1/);
    const run = await runCluster(
      { ...queued, connect: () => connectQueued(queued) },
      { ...(await import('../../core/checks/check.ts')).defaultCheckSettings, layers: ['component'] },
      { runChecks: async () => ({ name: 'x', results: [] }), deadlineMs: 5_000 },
    );
    expect(run.error?.message).toMatch(/EKS discovery of eu-west-1/);
  });
});
