import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Kubernetes versions the real-apiserver tier runs against (built by scripts/build-control-plane.sh). */
export const KUBE_VERSIONS = ['1.34.4', '1.35.4'] as const;

export interface ControlPlaneBinaries {
  etcd: string;
  apiserver: string;
  controllerManager: string;
  scheduler: string;
}

/** Where scripts/build-control-plane.sh puts the binaries of a version. */
function binDir(version: string): string {
  const cache = process.env.FLEETCHECK_CACHE ?? join(homedir(), '.cache', 'fleetcheck');
  return join(cache, `k8s-${version}`, 'bin');
}

/**
 * The built binaries of a version, or undefined when they are missing (then the tier skips — except with
 * CI=true, where a missing build is an error).
 */
export function controlPlaneBinaries(version: string): ControlPlaneBinaries | undefined {
  const dir = binDir(version);
  const bins = {
    etcd: join(dir, 'etcd'),
    apiserver: join(dir, 'kube-apiserver'),
    controllerManager: join(dir, 'kube-controller-manager'),
    scheduler: join(dir, 'kube-scheduler'),
  };
  if (Object.values(bins).every((b) => existsSync(b))) return bins;
  if (process.env.CI === 'true')
    throw new Error(
      `kube-apiserver ${version} is not built in ${dir}: run scripts/build-control-plane.sh ${version} (CI must not skip this tier)`,
    );
  return undefined;
}
