/** core/kube public surface: ClusterApi factories, kubeconfig helpers, limits. */
export type * from './cluster-api.ts';
export { clusterApiFromEndpoint, clusterApiFromKubeconfig } from './factories.ts';
export type { KubeClusterApi } from './kube-cluster-api.ts';
export { type KubeContextInfo, listKubeconfigContexts, splitKubeconfigPaths } from './kubeconfig.ts';
export { defaultKubeLimits, type KubeLimits, resolveKubeLimits } from './limits.ts';
