import { DescribeClusterCommand, EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { assumeRoleProvider } from '../../core/aws/credentials.ts';
import { describeEksCluster, discoverEksClusters } from '../../core/aws/eks-discovery.ts';
import { isFleetcheckError } from '../../core/errors.ts';

const eks = mockClient(EKSClient);
const sts = mockClient(STSClient);
const creds = async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' });
const ca = Buffer.from('-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n').toString('base64');

function active(name: string, region: string) {
  return {
    cluster: {
      name,
      arn: `arn:aws:eks:${region}:123456789012:cluster/${name}`,
      status: 'ACTIVE' as const,
      endpoint: `https://${name}.gr7.${region}.eks.amazonaws.com`,
      certificateAuthority: { data: ca },
      version: '1.32',
      tags: { team: 'net' },
    },
  };
}

beforeEach(() => {
  eks.reset();
  sts.reset();
});

describe('EKS discovery', () => {
  it('follows ListClusters pages, describes each cluster and skips non-ACTIVE ones with a note', async () => {
    eks
      .on(ListClustersCommand)
      .resolvesOnce({ clusters: ['a', 'b'], nextToken: 't1' })
      .resolvesOnce({ clusters: ['c'] });
    eks.on(DescribeClusterCommand, { name: 'a' }).resolves(active('a', 'us-east-1'));
    eks.on(DescribeClusterCommand, { name: 'b' }).resolves({ cluster: { name: 'b', status: 'CREATING' } });
    eks.on(DescribeClusterCommand, { name: 'c' }).resolves(active('c', 'us-east-1'));
    const out = await discoverEksClusters({ regions: ['us-east-1'], credentials: creds });
    expect(out.clusters.map((c) => [c.name, c.account, c.region, c.caData === ca])).toEqual([
      ['a', '123456789012', 'us-east-1', true],
      ['c', '123456789012', 'us-east-1', true],
    ]);
    expect(out.notes).toEqual(['us-east-1/b: skipped, status CREATING (not ACTIVE)']);
    expect(eks.commandCalls(ListClustersCommand)[1]?.args[0].input.nextToken).toBe('t1');
  });

  it('turns a failing region into a note and keeps the others', async () => {
    eks
      .on(ListClustersCommand)
      .rejectsOnce(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
      .resolves({ clusters: ['x'] });
    eks.on(DescribeClusterCommand).resolves(active('x', 'eu-west-1'));
    const out = await discoverEksClusters({ regions: ['us-east-1', 'eu-west-1'], credentials: creds });
    expect(out.clusters.map((c) => c.name)).toEqual(['x']);
    expect(out.notes[0]).toContain('us-east-1');
    expect(out.notes[0]).toContain('AccessDeniedException');
  });

  it('maps ResourceNotFoundException to not-found', async () => {
    eks
      .on(DescribeClusterCommand)
      .rejects(Object.assign(new Error('nope'), { name: 'ResourceNotFoundException' }));
    const err = await describeEksCluster({ region: 'us-east-1', credentials: creds }, 'gone').catch(
      (e: unknown) => e,
    );
    expect(isFleetcheckError(err, 'not-found')).toBe(true);
  });
});

describe('AssumeRole credentials', () => {
  it('caches until Expiration − 5 min, then assumes the role again', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    sts.on(AssumeRoleCommand).callsFake(() => ({
      Credentials: {
        AccessKeyId: `ASIA${sts.commandCalls(AssumeRoleCommand).length}`,
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(now + 60 * 60_000),
      },
    }));
    const p = assumeRoleProvider({
      roleArn: 'arn:aws:iam::123456789012:role/fleetcheck',
      region: 'us-east-1',
      credentials: creds,
      now: () => now,
    });
    const [a, b] = await Promise.all([p(), p()]);
    expect(a.accessKeyId).toBe(b.accessKeyId);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input.RoleArn).toBe(
      'arn:aws:iam::123456789012:role/fleetcheck',
    );
    now += 54 * 60_000;
    expect((await p()).accessKeyId).toBe(a.accessKeyId);
    now += 2 * 60_000; // 4 min before expiry
    expect((await p()).accessKeyId).not.toBe(a.accessKeyId);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('maps AccessDenied to access-denied naming the role', async () => {
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDenied' }));
    const p = assumeRoleProvider({
      roleArn: 'arn:aws:iam::1:role/x',
      region: 'us-east-1',
      credentials: creds,
    });
    const err = await p().catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'access-denied')).toBe(true);
    expect((err as Error).message).toContain('arn:aws:iam::1:role/x');
  });
});
