import {
  DescribeClusterCommand,
  type DescribeClusterCommandOutput,
  EKSClient,
  paginateListClusters,
} from '@aws-sdk/client-eks';
import pLimit from 'p-limit';
import { FleetcheckError } from '../errors.ts';
import { type AwsTarget, type CredentialProvider, credentialsFor } from './credentials.ts';

/** An EKS cluster ready to connect to. */
export interface EksCluster {
  name: string;
  region: string;
  arn?: string;
  account?: string;
  endpoint: string;
  /** base64 PEM, usable as kubeconfig certificate-authority-data. */
  caData: string;
  version?: string;
  tags: Record<string, string>;
  roleArn?: string;
}

export interface EksDiscovery {
  clusters: EksCluster[];
  /** Why some clusters or regions were left out (not ACTIVE, access denied...). */
  notes: string[];
  /** Regions that could not be listed at all (AssumeRole or ListClusters failed): their clusters are unknown. */
  failedRegions: { region: string; error: FleetcheckError }[];
}

function eksClient(target: AwsTarget, credentials: CredentialProvider): EKSClient {
  return new EKSClient({
    region: target.region,
    credentials,
    maxAttempts: 3,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  });
}

function accountOf(arn: string | undefined): string | undefined {
  return arn?.split(':')[4] || undefined;
}

function awsError(err: unknown, what: string): FleetcheckError {
  if (err instanceof FleetcheckError) return err;
  const name = (err as { name?: string }).name ?? 'Error';
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code =
    name === 'ResourceNotFoundException' || status === 404
      ? 'not-found'
      : name.includes('AccessDenied') || status === 403
        ? 'access-denied'
        : 'unreachable';
  return new FleetcheckError(code, `${what}: ${name}: ${(err as Error).message}`, { status });
}

type Described = { cluster?: EksCluster; note?: string };

async function describe(
  client: EKSClient,
  name: string,
  region: string,
  roleArn?: string,
): Promise<Described> {
  let out: DescribeClusterCommandOutput;
  try {
    out = await client.send(new DescribeClusterCommand({ name }));
  } catch (err) {
    throw awsError(err, `eks DescribeCluster ${name} (${region})`);
  }
  const c = out.cluster;
  if (!c) throw new FleetcheckError('bad-response', `eks DescribeCluster ${name} returned no cluster`);
  if (c.status !== 'ACTIVE' || !c.endpoint || !c.certificateAuthority?.data)
    return { note: `${region}/${name}: skipped, status ${c.status ?? 'unknown'} (not ACTIVE)` };
  const account = accountOf(c.arn);
  return {
    cluster: {
      name: c.name ?? name,
      region,
      ...(c.arn ? { arn: c.arn } : {}),
      ...(account ? { account } : {}),
      endpoint: c.endpoint,
      caData: c.certificateAuthority.data,
      ...(c.version ? { version: c.version } : {}),
      tags: c.tags ?? {},
      ...(roleArn ? { roleArn } : {}),
    },
  };
}

/**
 * Endpoint and CA of one EKS cluster; not ACTIVE → `not-found` error saying so.
 * @example await describeEksCluster({ region: 'us-east-1' }, 'prod')
 */
export async function describeEksCluster(
  target: AwsTarget,
  name: string,
  roleArn?: string,
  externalId?: string,
): Promise<EksCluster> {
  const client = eksClient(target, credentialsFor(target, roleArn, externalId));
  const d = await describe(client, name, target.region, roleArn);
  if (!d.cluster) throw new FleetcheckError('not-found', d.note ?? `eks cluster ${name} not usable`);
  return d.cluster;
}

/**
 * Lists (paginated) and describes the EKS clusters of each region, with an optional role to assume.
 * A region that fails becomes a note; clusters that are not ACTIVE are skipped with a note.
 */
export async function discoverEksClusters(opts: {
  regions: string[];
  roleArn?: string;
  externalId?: string;
  endpoint?: string;
  credentials?: CredentialProvider;
  describeConcurrency?: number;
}): Promise<EksDiscovery> {
  const clusters: EksCluster[] = [];
  const notes: string[] = [];
  const failedRegions: EksDiscovery['failedRegions'] = [];
  const limit = pLimit(opts.describeConcurrency ?? 8);
  for (const region of opts.regions) {
    const target: AwsTarget = {
      region,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
    };
    const client = eksClient(target, credentialsFor(target, opts.roleArn, opts.externalId));
    const names: string[] = [];
    try {
      for await (const page of paginateListClusters({ client, pageSize: 100 }, {}))
        names.push(...(page.clusters ?? []));
    } catch (err) {
      const error = awsError(err, 'eks ListClusters');
      notes.push(`${region}: ${error.message}`);
      failedRegions.push({ region, error });
      continue;
    }
    const described = await Promise.all(
      names.map((n) =>
        limit(() =>
          describe(client, n, region, opts.roleArn).catch((e: unknown) => ({
            note: `${region}/${n}: ${(e as Error).message}`,
          })),
        ),
      ),
    );
    for (const d of described) {
      if ('cluster' in d && d.cluster) clusters.push(d.cluster);
      if (d.note) notes.push(d.note);
    }
  }
  return { clusters, notes, failedRegions };
}
