import { parseSemver } from './version-text.ts';

export type AgentBinary = 'cilium-dbg' | 'cilium';

/**
 * The per-node CLI for a Cilium version: `cilium-dbg` from 1.15 (renamed by cilium/cilium#28085), `cilium` below.
 * Unknown version → `cilium-dbg` (callers fall back with {@link isMissingBinary}).
 * @example agentBinary('1.14.12') // 'cilium'
 */
export function agentBinary(version: string | undefined): AgentBinary {
  const v = version ? parseSemver(version) : null;
  if (!v) return 'cilium-dbg';
  return v.major > 1 || (v.major === 1 && v.minor >= 15) ? 'cilium-dbg' : 'cilium';
}

/** True when an exec failed because the executable does not exist in the container. */
export function isMissingBinary(result: {
  exitCode: number | null;
  failure?: string;
  stderr: string;
}): boolean {
  const text = `${result.failure ?? ''}\n${result.stderr}`;
  if (/executable file not found|no such file or directory|not found in \$PATH/i.test(text)) return true;
  return result.exitCode === 127 && /not found/i.test(text);
}
