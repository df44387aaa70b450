import { FleetcheckError } from '../errors.ts';
import { parseFleetFile } from '../fleet/fleet-file.ts';

export interface FleetAccess {
  /** Spoke roles the hub assumes (sts:AssumeRole is granted on exactly these). */
  roleArns: string[];
  /** Regions with EKS clusters or discovery, for the docs and outputs. */
  regions: string[];
}

/**
 * Which roles and regions a fleet file (docs/fleet-file.md) needs, for the deploy-time IAM policy.
 * Validates the whole file, so a broken fleet file fails the deploy instead of the first sweep. With
 * `serverless`, kubeconfig clusters are refused: a Lambda has no kubeconfig, and its credentials (exec
 * plugins, local certificates) would not work there; EKS references and discovery are what runs in AWS.
 * @example fleetAccess(readFileSync('fleet.yaml', 'utf8')).roleArns // ['arn:aws:iam::123456789012:role/fleetcheck-spoke']
 */
export function fleetAccess(
  yamlText: string,
  source = 'fleet file',
  opts: { serverless?: boolean } = {},
): FleetAccess {
  const fleet = parseFleetFile(yamlText, source);
  const kubeconfigOnly = fleet.clusters.filter((c) => !c.eks).map((c) => c.name);
  if (opts.serverless && kubeconfigOnly.length > 0)
    throw new FleetcheckError(
      'invalid-input',
      `${source}: ${kubeconfigOnly.join(', ')} use a kubeconfig context, which the AWS deployment cannot reach; give each an \`eks:\` reference (region, name, roleArn) or use \`eks.discover\` (docs/deploy-aws.md)`,
    );
  const roles = new Set<string>();
  const regions = new Set<string>();
  for (const c of fleet.clusters) {
    if (c.eks?.roleArn) roles.add(c.eks.roleArn);
    if (c.eks) regions.add(c.eks.region);
  }
  for (const d of fleet.eks?.discover ?? []) {
    if (d.roleArn) roles.add(d.roleArn);
    for (const r of d.regions) regions.add(r);
  }
  return { roleArns: [...roles].sort(), regions: [...regions].sort() };
}
