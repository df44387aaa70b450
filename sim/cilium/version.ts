/** Minor-version helpers for the Cilium version string of an AgentView ("1.16.5", "v1.18.0-pre.1"). */
export interface MinorVersion {
  major: number;
  minor: number;
  patch: number;
}

/** Parses "1.16.5" / "v1.16.5-rc.1"; unknown parts default to 0. */
export function parseVersion(version: string): MinorVersion {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  return { major: Number(m?.[1] ?? 1), minor: Number(m?.[2] ?? 0), patch: Number(m?.[3] ?? 0) };
}

/** True when `version` is at least `major.minor` (e.g. atLeast("1.16.5", 1, 15)). */
export function atLeast(version: string, major: number, minor: number): boolean {
  const v = parseVersion(version);
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** Cilium 1.15+ ships `cilium-dbg` (with `cilium` as a symlink); older images only `cilium`. */
export function hasCiliumDbg(version: string): boolean {
  return atLeast(version, 1, 15);
}

/** The program name cobra prints in usage/errors for this version. */
export function cliName(version: string): string {
  return hasCiliumDbg(version) ? 'cilium-dbg' : 'cilium';
}
