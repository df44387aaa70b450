import { type ParseResult, parsed, unparsed } from './parse-result.ts';

export interface CiliumVersionInfo {
  client?: string;
  daemon?: string;
}

const LINE = /^(Client|Daemon):\s*v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)\b/;

/**
 * Parses `cilium-dbg version` text (`Client: 1.16.5 ad688277 ... go version go1.22.10 linux/amd64`).
 * @example parseVersionText('Client: 1.16.5 ad688277\nDaemon: 1.16.5 ad688277') // daemon '1.16.5'
 */
export function parseVersionText(raw: string): ParseResult<CiliumVersionInfo> {
  const info: CiliumVersionInfo = {};
  for (const line of raw.split(/\r?\n/)) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    if (m[1] === 'Client') info.client = m[2];
    else info.daemon = m[2];
  }
  if (!info.client && !info.daemon) return unparsed('no "Client:" or "Daemon:" version line', raw);
  return parsed(info);
}

/** Parses `1.16.5` / `v1.16.5-rc.1` into numbers; null when not a version. */
export function parseSemver(v: string): { major: number; minor: number; patch: number } | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

/** The version tag of a Cilium image reference (`quay.io/cilium/cilium:v1.16.5@sha256:...` → `1.16.5`). */
export function versionFromImage(image: string): string | undefined {
  const m = /:v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)(?:@|$)/.exec(image);
  return m?.[1];
}
