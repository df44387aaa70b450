import { parseSemver } from '../cilium/version-text.ts';
import type { Precondition } from './definition.ts';
import type { ClusterFacts } from './facts.ts';

/** A precondition that holds when `holds` says so, and otherwise skips the check with `message` and `hint`. */
function skipUnless(
  needs: string,
  holds: (facts: ClusterFacts) => Promise<boolean>,
  message: string,
  hint: string,
): Precondition {
  return { needs, unmet: async (facts) => ((await holds(facts)) ? null : { status: 'skip', message, hint }) };
}

/** The business probe Job is due in this sweep (quick sweeps leave it out). */
export const businessProbeScheduled = skipUnless(
  'the business probe scheduled in this sweep',
  async (facts) => facts.settings.runBusiness,
  'business probe not scheduled in this sweep (runs every Nth sweep)',
  'Run a thorough sweep to probe DNS and services.',
);

/** The cluster is in a ClusterMesh: peers configured (secret or fleet) or reported by its agents. */
export const meshConfigured = skipUnless(
  'ClusterMesh peers',
  async (facts) => (await facts.meshViews()).length > 0,
  'no ClusterMesh peers configured or reported',
  'Nothing to check: this cluster is not in a mesh.',
);

/** The CiliumEndpoint CRD is in use (`disable-endpoint-crd` not set). */
export const endpointCrdEnabled = skipUnless(
  'the CiliumEndpoint CRD',
  async (facts) => (await facts.ciliumConfig().catch(() => null))?.['disable-endpoint-crd'] !== 'true',
  'CiliumEndpoint CRD disabled (disable-endpoint-crd=true)',
  'Endpoint state is only visible per agent (`cilium-dbg endpoint list`).',
);

/** Hubble is enabled: `enable-hubble: "true"` in cilium-config, or a sampled agent reports it not Disabled. */
export const hubbleEnabled: Precondition = {
  needs: 'Hubble enabled',
  unmet: async (facts) => {
    const [config, statuses] = await Promise.all([
      facts.ciliumConfig().catch(() => null),
      facts.agentStatus(),
    ]);
    const ok = statuses.flatMap((s) => (s.kind === 'ok' ? [s.value] : []));
    const configured = config?.['enable-hubble'];
    if (configured === 'true' || ok.some((s) => s.hubble?.state && s.hubble.state !== 'Disabled'))
      return null;
    if (configured === undefined && ok.length === 0) {
      return {
        status: 'error',
        message: 'cannot tell whether Hubble is enabled: no agent status and no enable-hubble key',
        hint: 'See component.agent.status for why agents did not answer.',
      };
    }
    return {
      status: 'skip',
      message: 'Hubble is disabled',
      hint: 'Enable it (`hubble.enabled=true`) to get flow visibility for troubleshooting.',
    };
  },
};

/**
 * The running Cilium version is known and at least `minimum` (`major.minor`); an unknown version is `error`,
 * an older or unparseable one `skip` with `below`'s message and hint.
 * @example ciliumAtLeast('1.13', { message: (v) => `no kernel minimum known for Cilium ${v}`, hint: 'Plan an upgrade.' })
 */
export function ciliumAtLeast(
  minimum: string,
  below: { message?: (version: string) => string; hint?: string } = {},
): Precondition {
  const [major = 0, minor = 0] = minimum.split('.').map(Number);
  return {
    needs: `Cilium ≥ ${minimum}`,
    unmet: async (facts) => {
      const version = await facts.ciliumVersion();
      if (!version) {
        return {
          status: 'error',
          message: 'could not determine the running Cilium version',
          hint: 'Neither the cilium DaemonSet image tag nor an agent status gave a version; see component.agent.status.',
        };
      }
      const v = parseSemver(version);
      if (v && (v.major > major || (v.major === major && v.minor >= minor))) return null;
      return {
        status: 'skip',
        message: below.message?.(version) ?? `Cilium ${version} is older than ${minimum}`,
        hint: below.hint ?? `This check needs Cilium ≥ ${minimum}: plan an upgrade.`,
      };
    },
  };
}
