/**
 * The SDK-backed half of EKS support (STS, EKS, SigV4), imported only by `loadEksSdk()`: a fleet without
 * EKS clusters never loads the AWS SDK.
 */
export { credentialsFor } from './credentials.ts';
export { describeEksCluster, discoverEksClusters } from './eks-discovery.ts';
export { EksTokenCache } from './eks-token.ts';
