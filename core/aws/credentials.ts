import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { FleetcheckError } from '../errors.ts';

/** AWS credentials as the SDK and the SigV4 signer take them. Never logged. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialProvider = () => Promise<AwsCredentials>;

/** Where AWS calls go: region, optional endpoint override (tests, fakes) and base credentials. */
export interface AwsTarget {
  region: string;
  /** e.g. http://127.0.0.1:4566 for a loopback fake. */
  endpoint?: string;
  /** Base (hub) credentials; default: the SDK's default provider chain. */
  credentials?: CredentialProvider;
}

const REFRESH_MARGIN_MS = 5 * 60_000;

/** The default-chain credentials (env, profile, SSO, IMDS...) as a provider, resolved lazily by the SDK. */
function defaultCredentials(region: string): CredentialProvider {
  const client = new STSClient({ region });
  return () => client.config.credentials();
}

/**
 * A provider of `roleArn` credentials via STS AssumeRole, cached until Expiration − 5 min and shared by
 * concurrent callers.
 * @example const creds = assumeRoleProvider({ roleArn, region: 'us-east-1' }); await creds();
 */
export function assumeRoleProvider(
  opts: AwsTarget & { roleArn: string; sessionName?: string; externalId?: string; now?: () => number },
): CredentialProvider {
  const now = opts.now ?? Date.now;
  const client = new STSClient({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
  let cached: AwsCredentials | undefined;
  let inflight: Promise<AwsCredentials> | undefined;
  const fetchCreds = async (): Promise<AwsCredentials> => {
    try {
      const out = await client.send(
        new AssumeRoleCommand({
          RoleArn: opts.roleArn,
          RoleSessionName: opts.sessionName ?? 'fleetcheck',
          ...(opts.externalId ? { ExternalId: opts.externalId } : {}),
          DurationSeconds: 3600,
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey)
        throw new FleetcheckError('bad-response', `AssumeRole ${opts.roleArn} returned no credentials`);
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        ...(c.Expiration ? { expiration: new Date(c.Expiration) } : {}),
      };
    } catch (err) {
      if (err instanceof FleetcheckError) throw err;
      const name = (err as { name?: string }).name ?? 'Error';
      throw new FleetcheckError(
        name === 'AccessDenied' ? 'access-denied' : 'unreachable',
        `cannot assume role ${opts.roleArn}: ${name}: ${(err as Error).message}`,
        { roleArn: opts.roleArn },
      );
    }
  };
  return async () => {
    const fresh = cached && (!cached.expiration || cached.expiration.getTime() - REFRESH_MARGIN_MS > now());
    if (cached && fresh) return cached;
    inflight ??= fetchCreds().finally(() => {
      inflight = undefined;
    });
    cached = await inflight;
    return cached;
  };
}

const roleCache = new Map<string, CredentialProvider>();

/**
 * Credentials for a region and an optional role (with the external id its trust policy may require); one
 * cached provider per (role, external id, region, endpoint).
 */
export function credentialsFor(target: AwsTarget, roleArn?: string, externalId?: string): CredentialProvider {
  if (!roleArn) return target.credentials ?? defaultCredentials(target.region);
  const key = `${roleArn}|${externalId ?? ''}|${target.region}|${target.endpoint ?? ''}`;
  let p = roleCache.get(key);
  if (!p) {
    p = assumeRoleProvider({ ...target, roleArn, ...(externalId ? { externalId } : {}) });
    roleCache.set(key, p);
  }
  return p;
}
