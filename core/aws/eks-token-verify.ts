import type { AwsCredentials } from './credentials.ts';
import { EKS_TOKEN_PREFIX, presignGetCallerIdentity } from './eks-token.ts';

const ALLOWED = new Set([
  'action',
  'version',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-signedheaders',
]);

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/**
 * Checks an EKS token offline the way aws-iam-authenticator does, then re-signs it with the same date
 * and known credentials and compares signatures. Returns the reason on failure, or null when valid.
 */
export async function verifyEksTokenOffline(
  token: string,
  expect: { clusterName: string; region: string; credentials: AwsCredentials; now?: Date },
): Promise<string | null> {
  if (!token.startsWith(EKS_TOKEN_PREFIX)) return 'missing k8s-aws-v1. prefix';
  let url: URL;
  try {
    url = new URL(Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return 'not a base64url URL';
  }
  if (url.protocol !== 'https:' || url.pathname !== '/') return 'not an https STS URL';
  const keys = [...url.searchParams.keys()].map((k) => k.toLowerCase());
  if (keys.some((k) => !ALLOWED.has(k))) return 'unexpected query parameter';
  if (new Set(keys).size !== keys.length) return 'duplicate query parameter';
  const q = (k: string) => url.searchParams.get(k) ?? '';
  if (q('Action') !== 'GetCallerIdentity') return 'not GetCallerIdentity';
  if (!q('X-Amz-SignedHeaders').split(';').includes('x-k8s-aws-id')) return 'x-k8s-aws-id not signed';
  const expires = Number(q('X-Amz-Expires'));
  if (!(expires >= 0 && expires <= 900)) return 'bad X-Amz-Expires';
  const date = parseAmzDate(q('X-Amz-Date'));
  if (!date) return 'bad X-Amz-Date';
  const now = expect.now ?? new Date();
  if (now.getTime() - date.getTime() > 15 * 60_000) return 'expired';
  const again = await presignGetCallerIdentity(
    expect.clusterName,
    expect.region,
    expect.credentials,
    date,
    expires,
  );
  if (again.hostname !== url.hostname) return 'wrong STS host';
  return again.query['X-Amz-Signature'] === q('X-Amz-Signature') ? null : 'signature mismatch';
}
