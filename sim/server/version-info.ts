import type { ResolvedCluster } from '../scenario/schema.ts';

const SUFFIX = { eks: '-eks-4096722', gke: '-gke.1106006', aks: '', generic: '' } as const;
/** Go release each Kubernetes minor was built with (its go.mod `go` line / release notes). */
const GO_VERSION: Record<number, string> = {
  30: 'go1.22.12',
  31: 'go1.23.8',
  32: 'go1.23.8',
  33: 'go1.24.4',
  34: 'go1.24.9',
  35: 'go1.25.5',
};

/**
 * The `/version` body (apimachinery version.Info) of a cluster's Kubernetes version: from 1.33 it names the
 * emulation and minimum compatibility versions (binary minor, minor - 1).
 */
export function versionInfo(
  c: Pick<ResolvedCluster, 'kubernetesVersion' | 'provider'>,
): Record<string, string> {
  const [, minorText = '32', patch = '4'] = c.kubernetesVersion.split('.');
  const minor = Number(minorText);
  return {
    major: '1',
    minor: minorText,
    ...(minor >= 33
      ? {
          emulationMajor: '1',
          emulationMinor: minorText,
          minCompatibilityMajor: '1',
          minCompatibilityMinor: String(minor - 1),
        }
      : {}),
    gitVersion: `v1.${minorText}.${patch}${SUFFIX[c.provider]}`,
    gitCommit: '5ba6a5a0a8ebc3e1b7bc1ec2ae3d1ff4a2a6c9a8',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:06:37Z',
    goVersion: GO_VERSION[minor] ?? 'go1.25.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
