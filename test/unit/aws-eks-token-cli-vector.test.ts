import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EKS_TOKEN_PREFIX, eksToken } from '../../core/aws/eks-token.ts';

/**
 * Our EKS token against tokens the AWS CLI's own algorithm produced (`aws eks get-token`, awscli 1.46.2
 * get_token.py) with frozen credentials and clock: test/fixtures/eks-token/make-vector.py says how.
 */
interface Vector {
  cluster: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  at: string;
  token: string;
}
const { vectors } = JSON.parse(
  readFileSync(new URL('../fixtures/eks-token/aws-cli-vector.json', import.meta.url), 'utf8'),
) as { vectors: Vector[] };

const urlOf = (token: string) =>
  new URL(Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString('utf8'));

describe('EKS token vs the AWS CLI (aws eks get-token)', () => {
  it.each(
    vectors.map((v) => [`${v.cluster} (${v.region}${v.credentials.sessionToken ? ', session' : ''})`, v]),
  )(
    '%s: same presigned URL parameters, signature included (only their order may differ)',
    async (_name, v) => {
      const { token } = await eksToken(v.cluster, v.region, v.credentials, new Date(v.at));
      const ours = urlOf(token);
      const cli = urlOf(v.token);
      expect(ours.origin).toBe(cli.origin);
      expect(Object.fromEntries(ours.searchParams)).toEqual(Object.fromEntries(cli.searchParams));
      expect(ours.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    },
  );
});
