import { kernelRequirement, meetsKernel, parseKernel } from '../cilium/kernel.ts';
import { type Outcome, outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { errorOutcome } from './error-outcome.ts';

const ID = 'config.kernel.version';

function hint(version: string, minimum: string, rhel: string): string {
  return (
    `Cilium ${version} needs Linux ≥ ${minimum} (docs.cilium.io system requirements). On a too-old kernel the agent fails ` +
    'at start-up with BPF feature-probe / program load / map errors (look for them in the agent log). Upgrade the node ' +
    `image (AMI), or stay on a Cilium version that supports this kernel. RHEL 8 note: Red Hat backports BPF to its 4.18 ` +
    `kernels; Cilium accepts 4.18 from ${rhel} as equivalent, earlier RHEL 8 builds are not.`
  );
}

/** A kernel below the running Cilium's minimum breaks BPF loading on restart or upgrade, node by node. */
export const configKernelVersion: CheckDefinition = {
  id: ID,
  layer: 'config',
  doc: 'Each node kernel meets the running Cilium minimum (1.13–1.15: 4.19.57, 1.16–1.17: 5.4, 1.18+: 5.10; RHEL 8 4.18 equivalents).',
  async run(facts): Promise<Outcome[]> {
    try {
      const [nodes, version] = await Promise.all([facts.nodes(), facts.ciliumVersion()]);
      if (!version) {
        return [
          outcome.nonPass(
            'error',
            ID,
            'cluster',
            'could not determine the running Cilium version',
            'Neither the cilium DaemonSet image tag nor an agent status gave a version; see component.agent.status.',
          ),
        ];
      }
      const req = kernelRequirement(version);
      if (!req) {
        return [
          outcome.nonPass(
            'skip',
            ID,
            'cluster',
            `no kernel minimum known for Cilium ${version}`,
            'Cilium older than 1.13 is out of support: plan an upgrade.',
          ),
        ];
      }
      const results: Outcome[] = [];
      let ok = 0;
      const kernels = new Set<string>();
      for (const n of [...nodes].sort((a, b) => a.name.localeCompare(b.name))) {
        kernels.add(n.kernelVersion);
        const k = parseKernel(n.kernelVersion);
        const evidence = { kernel: n.kernelVersion, minimum: req.minimum, cilium: version };
        if (!k) {
          results.push(
            outcome.nonPass(
              'error',
              ID,
              n.name,
              `unparseable kernel version "${n.kernelVersion}"`,
              'Check `kubectl get node -o wide` (KERNEL-VERSION).',
              { evidence },
            ),
          );
        } else if (!meetsKernel(k, req)) {
          results.push(
            outcome.nonPass(
              'fail',
              ID,
              n.name,
              `kernel ${n.kernelVersion} < ${req.minimum} required by Cilium ${version}`,
              hint(version, req.minimum, req.rhel8.release),
              { evidence },
            ),
          );
        } else ok++;
      }
      if (ok > 0 || results.length === 0) {
        results.unshift(
          outcome.pass(
            ID,
            'cluster',
            `${ok}/${nodes.length} nodes meet Linux ≥ ${req.minimum} for Cilium ${version}`,
            {
              evidence: { kernels: [...kernels].slice(0, 10), minimum: req.minimum },
            },
          ),
        );
      }
      return results;
    } catch (err) {
      return [errorOutcome(ID, 'cluster', err, 'list nodes')];
    }
  },
};
