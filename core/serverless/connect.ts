import { FleetcheckError } from '../errors.ts';
import { eksRefTarget } from '../fleet/eks-targets.ts';
import { clusterApiFromKubeconfig } from '../kube/index.ts';
import type { ConnectQueued } from './ports.ts';

/**
 * Rebuilds a cluster client from the source a queue message carries: a kubeconfig context (file bundled or
 * local) or an EKS cluster (endpoint + CA from DescribeCluster, token from STS, optional spoke role).
 * @example const api = await connectQueued(message.target)
 */
export const connectQueued: ConnectQueued = async (target) => {
  const { source } = target;
  if (source.kind === 'unavailable') throw new FleetcheckError(source.code, source.reason);
  if (source.kind === 'kubeconfig') {
    return clusterApiFromKubeconfig({
      files: source.file ? [source.file] : undefined,
      context: source.context,
      name: target.name,
    });
  }
  const base = {
    name: target.name,
    labels: target.labels,
    expectedPeers: [],
    probeTargets: [],
    overrides: {},
  };
  const ref = {
    region: source.region,
    name: source.clusterName,
    ...(source.roleArn ? { roleArn: source.roleArn } : {}),
    ...(source.externalId ? { externalId: source.externalId } : {}),
  };
  return eksRefTarget(base, ref, {}).connect();
};
