import { parseSemver } from './version-text.ts';

export interface KernelVersion {
  major: number;
  minor: number;
  patch: number;
  /** RHEL/CentOS/Rocky 8 build (`4.18.0-553.el8_10` → 553), which carries backports. */
  el8Build?: number;
  raw: string;
}

/**
 * Parses a node's `kernelVersion` (`5.4.0-1045-aws`, `6.1.112`, `4.18.0-553.el8_10.x86_64`).
 * @example parseKernel('4.18.0-553.el8_10.x86_64') // { major: 4, minor: 18, patch: 0, el8Build: 553, ... }
 */
export function parseKernel(raw: string): KernelVersion | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-(\d+))?/.exec(raw.trim());
  if (!m) return null;
  const k: KernelVersion = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), raw };
  if (/\.el8/.test(raw) && m[4] !== undefined) k.el8Build = Number(m[4]);
  return k;
}

export interface KernelRequirement {
  /** Upstream minimum, e.g. `5.4`. */
  minimum: string;
  /** RHEL 8 equivalent: the minimum el8 kernel build (4.18.0-<build>) and the release it shipped in. */
  rhel8: { build: number; release: string };
}

/**
 * Minimum kernel for a Cilium version (docs.cilium.io system requirements): 1.13–1.15 → 4.19.57,
 * 1.16–1.17 → 5.4, 1.18+ → 5.10; RHEL 8 kernels 4.18 carry the needed backports from 8.0 / 8.6 / 8.10.
 * Null for versions older than 1.13 or unparseable ones.
 */
export function kernelRequirement(ciliumVersion: string): KernelRequirement | null {
  const v = parseSemver(ciliumVersion);
  if (!v) return null;
  if (v.major > 1) return { minimum: '5.10', rhel8: { build: 553, release: 'RHEL 8.10' } };
  if (v.major < 1 || v.minor < 13) return null;
  if (v.minor <= 15) return { minimum: '4.19.57', rhel8: { build: 0, release: 'RHEL 8' } };
  if (v.minor <= 17) return { minimum: '5.4', rhel8: { build: 372, release: 'RHEL 8.6' } };
  return { minimum: '5.10', rhel8: { build: 553, release: 'RHEL 8.10' } };
}

function compare(a: KernelVersion, b: KernelVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Whether a kernel meets a requirement, counting RHEL 8 4.18 builds as equivalent from the stated release. */
export function meetsKernel(kernel: KernelVersion, req: KernelRequirement): boolean {
  if (kernel.el8Build !== undefined && kernel.major === 4 && kernel.minor === 18) {
    return kernel.el8Build >= req.rhel8.build;
  }
  const min = parseKernel(req.minimum);
  return min ? compare(kernel, min) >= 0 : true;
}
