import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFleetFile } from '../../core/fleet/fleet-file.ts';
import { loadFleet } from '../../core/fleet/load-fleet.ts';
import { checkClusterMessageSchema, toQueuedTarget } from '../../core/sweep/queue-message.ts';

const ROLE = 'arn:aws:iam::210987654321:role/fleetcheck-spoke';

describe('fleet file: spoke roles with an external id', () => {
  it('carries externalId from the eks reference to the target source and through the queue message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-extid-'));
    const file = join(dir, 'fleet.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'clusters:',
        `  - { name: prod, eks: { region: eu-west-1, name: prod, roleArn: "${ROLE}", externalId: "hub-7f3a" } }`,
      ].join('\n'),
    );
    const [target] = await loadFleet({ fleetFile: file });
    expect(target?.source).toEqual({
      kind: 'eks',
      region: 'eu-west-1',
      clusterName: 'prod',
      roleArn: ROLE,
      externalId: 'hub-7f3a',
    });
    const queued = toQueuedTarget(target as Parameters<typeof toQueuedTarget>[0]);
    expect(checkClusterMessageSchema.shape.target.parse(queued).source).toMatchObject({
      externalId: 'hub-7f3a',
    });
  });

  it('refuses an externalId without a role, and one AWS would refuse', () => {
    const bad = (eks: string) => () =>
      parseFleetFile(['version: 1', 'clusters:', `  - { name: p, eks: ${eks} }`].join('\n'));
    expect(bad('{ region: eu-west-1, name: p, externalId: "abc" }')).toThrow(/externalId needs a roleArn/);
    expect(bad(`{ region: eu-west-1, name: p, roleArn: "${ROLE}", externalId: "a b" }`)).toThrow(
      /externalId/,
    );
    expect(
      parseFleetFile(
        [
          'version: 1',
          'eks: { discover: [{ regions: [us-east-1], roleArn: "' + ROLE + '", externalId: "x-1" }] }',
        ].join('\n'),
      ).eks?.discover?.[0]?.externalId,
    ).toBe('x-1');
  });
});
