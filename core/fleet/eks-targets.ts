import type { CredentialProvider } from '../aws/credentials.ts';
import type { EksCluster } from '../aws/eks-discovery.ts';
import type { EksTokenCache } from '../aws/eks-token.ts';
import { FleetcheckError } from '../errors.ts';
import { clusterApiFromEndpoint } from '../kube/factories.ts';
import type { KubeLimits } from '../kube/limits.ts';
import type { ClusterTarget } from './target.ts';

/** AWS settings shared by EKS targets (tests point `endpoint` at a fake and pass credentials). */
export interface EksOptions {
  credentials?: CredentialProvider;
  limits?: Partial<KubeLimits>;
}

/**
 * The AWS SDK, loaded on the first EKS call: a kubeconfig-only fleet never pays its load (from the shipped
 * bundle about 6-9 MB of resident memory per sweeping process; from node_modules about 27 MB and 140 ms of CPU).
 */
const loadEksSdk = () => import('../aws/eks-sdk.ts');

type Base = Omit<ClusterTarget, 'source' | 'connect' | 'provider'>;

function connectEks(
  name: string,
  eksName: string,
  region: string,
  role: { roleArn?: string | undefined; externalId?: string | undefined },
  endpoint: string | undefined,
  opts: EksOptions,
  known?: EksCluster,
): ClusterTarget['connect'] {
  let cluster: Promise<EksCluster> | undefined = known ? Promise.resolve(known) : undefined;
  const aws = {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  };
  let tokens: EksTokenCache | undefined;
  return async () => {
    const { credentialsFor, describeEksCluster, EksTokenCache } = await loadEksSdk();
    tokens ??= new EksTokenCache(eksName, region, credentialsFor(aws, role.roleArn, role.externalId));
    const cache = tokens;
    cluster ??= describeEksCluster(aws, eksName, role.roleArn, role.externalId).catch((err: unknown) => {
      cluster = undefined;
      throw err;
    });
    const c = await cluster;
    return clusterApiFromEndpoint({
      name,
      server: c.endpoint,
      caData: c.caData,
      token: () => cache.get(),
      ...(opts.limits ? { limits: opts.limits } : {}),
    });
  };
}

/** A target for an EKS cluster referenced by region + name (described lazily on connect). */
export function eksRefTarget(
  base: Base,
  ref: { region: string; name: string; roleArn?: string; externalId?: string; endpoint?: string },
  opts: EksOptions,
): ClusterTarget {
  return {
    ...base,
    provider: 'eks',
    region: base.region ?? ref.region,
    source: {
      kind: 'eks',
      region: ref.region,
      clusterName: ref.name,
      ...(ref.roleArn ? { roleArn: ref.roleArn } : {}),
      ...(ref.externalId ? { externalId: ref.externalId } : {}),
    },
    connect: connectEks(base.name, ref.name, ref.region, ref, ref.endpoint, opts),
  };
}

/** Targets for every ACTIVE EKS cluster found in the regions (`base` → undefined skips one); notes say what was skipped. */
export async function discoveredEksTargets(
  entry: {
    regions: string[];
    roleArn?: string;
    externalId?: string;
    account?: string;
    labels: Record<string, string>;
    meshGroup?: string;
    endpoint?: string;
  },
  base: (c: EksCluster) => Base | undefined,
  opts: EksOptions,
): Promise<{ targets: ClusterTarget[]; notes: string[] }> {
  const { discoverEksClusters } = await loadEksSdk();
  const found = await discoverEksClusters({
    regions: entry.regions,
    ...(entry.roleArn ? { roleArn: entry.roleArn } : {}),
    ...(entry.externalId ? { externalId: entry.externalId } : {}),
    ...(entry.endpoint ? { endpoint: entry.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
  const targets: ClusterTarget[] = [];
  for (const c of found.clusters) {
    const b = base(c);
    if (!b) continue;
    targets.push({
      ...b,
      provider: 'eks' as const,
      region: c.region,
      ...(c.account || entry.account ? { account: c.account ?? entry.account } : {}),
      source: {
        kind: 'eks' as const,
        region: c.region,
        clusterName: c.name,
        ...(entry.roleArn ? { roleArn: entry.roleArn } : {}),
        ...(entry.externalId ? { externalId: entry.externalId } : {}),
      },
      connect: connectEks(b.name, c.name, c.region, entry, entry.endpoint, opts, c),
    });
  }
  for (const { region, error } of found.failedRegions) targets.push(discoveryFailure(entry, region, error));
  return { targets, notes: found.notes };
}

/**
 * A stand-in target for a region whose discovery failed, so the sweep records an `error` run for it (named
 * after the spoke account and region) instead of silently checking a smaller fleet.
 * @example discoveryFailure({ roleArn: 'arn:aws:iam::123456789012:role/x', labels: {} }, 'eu-west-1', err).name // 'eks-discovery.123456789012.eu-west-1'
 */
function discoveryFailure(
  entry: { roleArn?: string; account?: string; labels: Record<string, string>; meshGroup?: string },
  region: string,
  error: FleetcheckError,
): ClusterTarget {
  const account = entry.account ?? entry.roleArn?.split(':')[4] ?? 'hub';
  const reason = `EKS discovery of ${region}${entry.roleArn ? ` as ${entry.roleArn}` : ''} failed: ${error.message}`;
  return {
    name: `eks-discovery.${account}.${region}`,
    provider: 'eks',
    region,
    ...(account !== 'hub' ? { account } : {}),
    labels: { ...entry.labels },
    ...(entry.meshGroup ? { meshGroup: entry.meshGroup } : {}),
    expectedPeers: [],
    probeTargets: [],
    overrides: {},
    source: { kind: 'unavailable', code: error.code, reason },
    connect: async () => {
      throw new FleetcheckError(error.code, reason);
    },
  };
}
