import { describe, expect, it } from 'vitest';
import { EksTokenCache, eksToken } from '../../core/aws/eks-token.ts';
import { verifyEksTokenOffline } from '../../core/aws/eks-token-verify.ts';

const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', sessionToken: 'sess' };
const date = new Date('2026-11-25T10:00:00Z');

function decode(token: string): URL {
  return new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8'));
}

describe('EKS token', () => {
  it('is k8s-aws-v1. + unpadded base64url of a presigned GetCallerIdentity URL signing x-k8s-aws-id', async () => {
    const { token, expiresAt } = await eksToken('prod-use1', 'us-east-1', creds, date);
    expect(token.startsWith('k8s-aws-v1.')).toBe(true);
    expect(token).not.toMatch(/[=+/]/);
    const url = decode(token);
    expect(url.host).toBe('sts.us-east-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261125T100000Z');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('sess');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20261125/us-east-1/sts/aws4_request');
    expect(expiresAt.getTime() - date.getTime()).toBe(14 * 60_000);
  });

  it('verifies offline by re-signing with the same date; another cluster name or key fails', async () => {
    const { token } = await eksToken('prod-use1', 'eu-west-1', creds, date);
    const now = new Date(date.getTime() + 60_000);
    expect(
      await verifyEksTokenOffline(token, {
        clusterName: 'prod-use1',
        region: 'eu-west-1',
        credentials: creds,
        now,
      }),
    ).toBeNull();
    expect(
      await verifyEksTokenOffline(token, {
        clusterName: 'other',
        region: 'eu-west-1',
        credentials: creds,
        now,
      }),
    ).toBe('signature mismatch');
    const wrongKey = { ...creds, secretAccessKey: 'nope' };
    expect(
      await verifyEksTokenOffline(token, {
        clusterName: 'prod-use1',
        region: 'eu-west-1',
        credentials: wrongKey,
        now,
      }),
    ).toBe('signature mismatch');
    const late = new Date(date.getTime() + 16 * 60_000);
    expect(
      await verifyEksTokenOffline(token, {
        clusterName: 'prod-use1',
        region: 'eu-west-1',
        credentials: creds,
        now: late,
      }),
    ).toBe('expired');
    expect(
      await verifyEksTokenOffline('Bearer x', { clusterName: 'a', region: 'eu-west-1', credentials: creds }),
    ).toBe('missing k8s-aws-v1. prefix');
  });

  it('uses the China STS host in cn- regions', async () => {
    const { token } = await eksToken('c', 'cn-north-1', creds, date);
    expect(decode(token).host).toBe('sts.cn-north-1.amazonaws.com.cn');
  });

  it('caches the token and re-signs before the 14-minute lifetime ends', async () => {
    let now = date.getTime();
    let calls = 0;
    const cache = new EksTokenCache(
      'prod',
      'us-east-1',
      async () => {
        calls++;
        return creds;
      },
      () => now,
    );
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    now += 12 * 60_000;
    expect(await cache.get()).toBe(a);
    now += 90_000; // 13.5 min: inside the refresh margin
    const c = await cache.get();
    expect(c).not.toBe(a);
    expect(decode(c).searchParams.get('X-Amz-Date')).toBe('20261125T101330Z');
  });
});
