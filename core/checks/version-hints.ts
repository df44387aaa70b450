import { agentBinary } from '../cilium/binary.ts';
import type { Outcome } from '../outcome.ts';

/**
 * Rewrites the per-node commands named in messages and hints for the cluster's Cilium version: below 1.15 the
 * agent image has only `cilium` (no `cilium-dbg`, no `troubleshoot clustermesh`), so hints must say `cilium …`.
 * @example forCiliumVersion([o], '1.14.6')[0].hint // '... `cilium status --verbose` ...'
 */
export function forCiliumVersion(results: Outcome[], version: string | undefined): Outcome[] {
  if (!version || agentBinary(version) !== 'cilium') return results;
  const fix = (text: string): string =>
    text
      .replace(/cilium-dbg troubleshoot clustermesh( [\w.-]+)?/g, 'cilium status --all-clusters')
      .replace(/\bcilium-dbg\b/g, 'cilium');
  return results.map((r) => ({
    ...r,
    message: fix(r.message),
    ...(r.hint !== undefined ? { hint: fix(r.hint) } : {}),
  }));
}
