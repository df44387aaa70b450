import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { isoWeekOf, previousIsoWeek } from '../../core/analysis/iso-week.ts';
import { dispatchMessages } from '../../core/aws/sqs-dispatch.ts';
import { fleetAccess } from '../../core/serverless/fleet-roles.ts';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());
const client = new SQSClient({ region: 'eu-west-1' });
const entries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    key: `c${i}`,
    body: (attempt: number) => `{"i":${i},"a":${attempt}}`,
  }));

describe('dispatchMessages', () => {
  it('gives up on entries still failing after the retries and reports them by key', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
      Successful: input.Entries.filter((e) => e.Id !== 'm0').map((e) => ({ Id: e.Id })),
      Failed: input.Entries.filter((e) => e.Id === 'm0').map((e) => ({
        Id: e.Id,
        Code: 'ServiceUnavailable',
        SenderFault: false,
      })),
    }));
    const res = await dispatchMessages(client, 'https://q', entries(3), { retries: 2, retryDelayMs: 0 });
    expect(res.sent).toBe(2);
    expect(res.failed).toEqual([{ key: 'c0', code: 'ServiceUnavailable', message: 'rejected by SQS' }]);
    const bodies = sqs
      .commandCalls(SendMessageBatchCommand)
      .map((c) => c.args[0].input.Entries?.[0]?.MessageBody);
    expect(bodies).toEqual(['{"i":0,"a":1}', '{"i":0,"a":2}', '{"i":0,"a":3}']);
  });

  it('treats a call that throws as every entry of the chunk failing, and retries them', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .rejectsOnce(new Error('socket hang up'))
      .callsFake((input: { Entries: { Id: string }[] }) => ({
        Successful: input.Entries.map((e) => ({ Id: e.Id })),
      }));
    const res = await dispatchMessages(client, 'https://q', entries(12), { retryDelayMs: 0 });
    expect(res).toMatchObject({ sent: 12, failed: [] });
    expect(sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([
      10, 2, 10,
    ]);
  });
});

describe('fleetAccess', () => {
  it('collects spoke roles and regions from clusters and discovery, without duplicates', () => {
    const yaml = [
      'version: 1',
      'clusters:',
      '  - { name: a, eks: { region: eu-west-1, name: a, roleArn: "arn:aws:iam::111111111111:role/spoke" } }',
      '  - { name: b, eks: { region: us-east-1, name: b, roleArn: "arn:aws:iam::111111111111:role/spoke" } }',
      '  - { name: c, context: c }',
      'eks: { discover: [{ regions: [ap-south-1], roleArn: "arn:aws:iam::222222222222:role/spoke" }] }',
    ].join('\n');
    expect(fleetAccess(yaml)).toEqual({
      roleArns: ['arn:aws:iam::111111111111:role/spoke', 'arn:aws:iam::222222222222:role/spoke'],
      regions: ['ap-south-1', 'eu-west-1', 'us-east-1'],
    });
  });

  it('fails the deploy on a broken fleet file', () => {
    expect(() => fleetAccess('version: 1\nclusters: [{ name: a }]', 'fleet.yaml')).toThrow(/fleet\.yaml/);
  });
});

describe('ISO weeks', () => {
  it('handles year boundaries', () => {
    expect(isoWeekOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(previousIsoWeek(new Date('2026-01-05T06:00:00Z'))).toBe('2026-W01');
    expect(previousIsoWeek(new Date('2026-11-23T06:00:00Z'))).toBe('2026-W47');
  });
});
