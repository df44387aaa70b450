import type { ClusterTarget } from './target.ts';

/** Provider, region and account as far as a server URL and a kubeconfig cluster/context name tell. */
export interface ProviderGuess {
  provider: ClusterTarget['provider'];
  region?: string;
  account?: string;
}

const EKS_ARN = /^arn:aws[\w-]*:eks:([a-z0-9-]+):(\d{12}):cluster\/(.+)$/;
const EKS_HOST = /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.eks\.amazonaws\.com(?:\.cn)?$/;
const GKE_NAME = /^gke_([^_]+)_([^_]+)_(.+)$/;
const AKS_HOST = /\.(?:hcp|privatelink)\.([a-z0-9]+)\.azmk8s\.io$/;

function hostOf(server: string): string {
  try {
    return new URL(server).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** `us-central1-a` → `us-central1`; regions stay as they are. */
function gkeRegion(location: string): string {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location) ? location.slice(0, -2) : location;
}

/**
 * Guesses the provider from the server URL and the cluster/context names (EKS ARN or host, `gke_`
 * names, `azmk8s.io` hosts); anything else is `generic`.
 * @example guessProvider('https://X.gr7.us-east-1.eks.amazonaws.com', 'prod') // { provider: 'eks', region: 'us-east-1' }
 */
export function guessProvider(server: string, ...names: string[]): ProviderGuess {
  for (const n of names) {
    const arn = EKS_ARN.exec(n);
    if (arn) return { provider: 'eks', region: arn[1]!, account: arn[2]! };
  }
  const host = hostOf(server);
  const eks = EKS_HOST.exec(host);
  if (eks) return { provider: 'eks', region: eks[1]! };
  if (host.endsWith('.eks.amazonaws.com') || host.endsWith('.eks.amazonaws.com.cn'))
    return { provider: 'eks' };
  for (const n of names) {
    const gke = GKE_NAME.exec(n);
    if (gke) return { provider: 'gke', region: gkeRegion(gke[2]!) };
  }
  const aks = AKS_HOST.exec(host);
  if (aks) return { provider: 'aks', region: aks[1]! };
  if (host.endsWith('.azmk8s.io')) return { provider: 'aks' };
  return { provider: 'generic' };
}
