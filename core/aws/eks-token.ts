import { formatUrl } from '@aws-sdk/util-format-url';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials, CredentialProvider } from './credentials.ts';

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
const TOKEN_LIFETIME_MS = 14 * 60_000;
/** Refresh a cached token one minute before its 14-minute client-side lifetime ends. */
const REFRESH_BEFORE_MS = 60_000;

/** The STS host of a region (China regions use amazonaws.com.cn). */
function stsHost(region: string): string {
  return region.startsWith('cn-') ? `sts.${region}.amazonaws.com.cn` : `sts.${region}.amazonaws.com`;
}

/** The presigned GetCallerIdentity request an EKS token wraps (header `x-k8s-aws-id` signed). */
export function presignGetCallerIdentity(
  clusterName: string,
  region: string,
  credentials: AwsCredentials | CredentialProvider,
  signingDate: Date,
  expiresIn = 60,
): Promise<HttpRequest> {
  const host = stsHost(region);
  const signer = new SignatureV4({ service: 'sts', region, credentials, sha256: Hash.bind(null, 'sha256') });
  return signer.presign(
    new HttpRequest({
      method: 'GET',
      protocol: 'https:',
      hostname: host,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host, 'x-k8s-aws-id': clusterName },
    }),
    { expiresIn, signingDate },
  ) as Promise<HttpRequest>;
}

/**
 * An EKS bearer token: `k8s-aws-v1.` + base64url (no padding) of a presigned STS GetCallerIdentity URL.
 * @example const { token } = await eksToken('prod', 'us-east-1', creds);
 */
export async function eksToken(
  clusterName: string,
  region: string,
  credentials: AwsCredentials | CredentialProvider,
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const signed = await presignGetCallerIdentity(clusterName, region, credentials, now);
  const token = EKS_TOKEN_PREFIX + Buffer.from(formatUrl(signed)).toString('base64url');
  return { token, expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS) };
}

/**
 * Caches one cluster's EKS token and re-signs it before its 14-minute lifetime ends; concurrent
 * callers share one signing.
 */
export class EksTokenCache {
  private current?: { token: string; expiresAt: Date };
  private inflight?: Promise<{ token: string; expiresAt: Date }>;

  constructor(
    private readonly clusterName: string,
    private readonly region: string,
    private readonly credentials: CredentialProvider,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token, signing a new one when the cached one is within a minute of expiry. */
  async get(): Promise<string> {
    const c = this.current;
    if (c && c.expiresAt.getTime() - REFRESH_BEFORE_MS > this.now()) return c.token;
    this.inflight ??= eksToken(this.clusterName, this.region, this.credentials, new Date(this.now())).finally(
      () => {
        this.inflight = undefined;
      },
    );
    this.current = await this.inflight;
    return this.current.token;
  }
}
