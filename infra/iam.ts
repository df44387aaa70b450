import { fleet } from './settings.ts';

/**
 * What the hub functions (planner, worker) may do on their own account: enumerate and describe EKS clusters,
 * and assume exactly the spoke roles the fleet file names (deploy/iam.md has the spoke side).
 * The EKS token itself is a presigned sts:GetCallerIdentity, which needs no permission.
 */
export const hubPermissions: sst.aws.FunctionPermissionArgs[] = [
  { actions: ['eks:ListClusters'], resources: ['*'] },
  { actions: ['eks:DescribeCluster'], resources: ['arn:aws:eks:*:*:cluster/*'] },
  ...(fleet.roleArns.length > 0 ? [{ actions: ['sts:AssumeRole'], resources: fleet.roleArns }] : []),
];
