import { type KernelRequirement, kernelRequirement, meetsKernel, parseKernel } from '../cilium/kernel.ts';
import type { NodeInfo } from '../kube/cluster-api.ts';
import type { Outcome } from '../outcome.ts';
import { byCodeUnits } from '../text/compare.ts';
import type { CheckDefinition } from './definition.ts';
import { outcomes } from './outcomes.ts';
import { ciliumAtLeast } from './preconditions.ts';

const ID = 'config.kernel.version';
const o = outcomes(ID);

function hint(version: string, minimum: string, rhel: string): string {
  return (
    `Cilium ${version} needs Linux ≥ ${minimum} (docs.cilium.io system requirements). On a too-old kernel the agent fails ` +
    'at start-up with BPF feature-probe / program load / map errors (look for them in the agent log). Upgrade the node ' +
    `image (AMI), or stay on a Cilium version that supports this kernel. RHEL 8 note: Red Hat backports BPF to its 4.18 ` +
    `kernels; Cilium accepts 4.18 from ${rhel} as equivalent, earlier RHEL 8 builds are not.`
  );
}

/** The node's kernel against the requirement: null when it meets it. */
function judgeNode(n: NodeInfo, req: KernelRequirement, version: string): Outcome | null {
  const k = parseKernel(n.kernelVersion);
  const evidence = { kernel: n.kernelVersion, minimum: req.minimum, cilium: version };
  if (!k) {
    const hint = 'Check `kubectl get node -o wide` (KERNEL-VERSION).';
    return o.error(n.name, `unparseable kernel version "${n.kernelVersion}"`, hint, { evidence });
  }
  if (meetsKernel(k, req)) return null;
  const message = `kernel ${n.kernelVersion} < ${req.minimum} required by Cilium ${version}`;
  return o.fail(n.name, message, hint(version, req.minimum, req.rhel8.release), { evidence });
}

/** A kernel below the running Cilium's minimum breaks BPF loading on restart or upgrade, node by node. */
export const configKernelVersion: CheckDefinition = {
  id: ID,
  layer: 'config',
  doc: 'Each node kernel meets the running Cilium minimum (1.13–1.15: 4.19.57, 1.16–1.17: 5.4, 1.18+: 5.10; RHEL 8 4.18 equivalents).',
  requires: [
    ciliumAtLeast('1.13', {
      message: (version) => `no kernel minimum known for Cilium ${version}`,
      hint: 'Cilium older than 1.13 is out of support: plan an upgrade.',
    }),
  ],
  doing: 'list nodes',
  async run(facts): Promise<Outcome[]> {
    const [nodes, known] = await Promise.all([facts.nodes(), facts.ciliumVersion()]);
    const version = known as string;
    const req = kernelRequirement(version) as KernelRequirement;
    const sorted = [...nodes].sort((a, b) => byCodeUnits(a.name, b.name));
    const results = sorted.map((n) => judgeNode(n, req, version)).filter((x): x is Outcome => !!x);
    const ok = nodes.length - results.length;
    if (ok > 0 || results.length === 0) {
      const kernels = [...new Set(sorted.map((n) => n.kernelVersion))].slice(0, 10);
      const message = `${ok}/${nodes.length} nodes meet Linux ≥ ${req.minimum} for Cilium ${version}`;
      results.unshift(o.pass('cluster', message, { evidence: { kernels, minimum: req.minimum } }));
    }
    return results;
  },
};
