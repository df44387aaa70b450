import { failingControllers, type StatusResponse } from '../cilium/status-json.ts';
import type { Outcome } from '../outcome.ts';
import { agentProblem } from './agent-outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { hints } from './hints.ts';
import { outcomes } from './outcomes.ts';

const ID = 'component.agent.status';
const o = outcomes(ID);

const COMPONENT_HINTS: Record<string, string> = {
  cilium:
    'The agent reports itself degraded: read `cilium-dbg status --verbose` and the agent log in that pod.',
  kvstore:
    'The agent cannot use its kvstore (etcd / clustermesh-apiserver): check etcd health, certificates and connectivity.',
  kubernetes:
    'The agent lost the Kubernetes API: check API server reachability from the node and the agent service account.',
  'cilium-health':
    'The health daemon inside the agent is failing: see the agent log and `cilium-health status`.',
};

function judge(node: string, pod: string, s: StatusResponse, binary: string): Outcome {
  const states: [string, string | undefined, string][] = [
    ['cilium', s.cilium?.state, s.cilium?.msg ?? ''],
    ['kvstore', s.kvstore?.state, s.kvstore?.msg ?? ''],
    ['kubernetes', s.kubernetes?.state, s.kubernetes?.msg ?? ''],
    ['cilium-health', s.cluster?.ciliumHealth?.state, s.cluster?.ciliumHealth?.msg ?? ''],
  ];
  const failures = states.filter(([, st]) => st === 'Failure');
  const warnings = states.filter(([, st]) => st === 'Warning');
  const ctrls = failingControllers(s);
  const evidence = {
    pod,
    states: Object.fromEntries(states.map(([n, st]) => [n, st ?? 'absent'])),
    failingControllers: ctrls.map((c) => ({ name: c.name, message: c.status['last-failure-msg'] })),
  };
  const first = failures[0] ?? warnings[0];
  if (failures.length > 0 || ctrls.length > 0) {
    const parts = [
      ...failures.map(([n, , m]) => `${n} Failure: ${m}`),
      ...ctrls.map((c) => `controller ${c.name} failing: ${c.status['last-failure-msg']}`),
    ];
    const hint = first
      ? (COMPONENT_HINTS[first[0]] as string)
      : `A controller keeps failing: \`kubectl -n kube-system exec ${pod} -c cilium-agent -- ${binary} status --all-controllers\` and the agent log for its name.`;
    return o.fail(node, parts.join('; '), hint, { evidence });
  }
  if (warnings.length > 0 && first) {
    const msg = warnings.map(([n, , m]) => `${n} Warning: ${m}`).join('; ');
    return o.warn(node, msg, COMPONENT_HINTS[first[0]] as string, { evidence });
  }
  if (!s.cilium?.state) {
    return o.error(node, 'status JSON has no "cilium" state', hints.garbage('cilium-dbg status -o json'), {
      evidence,
    });
  }
  return o.pass(node, `agent ${s.cilium.msg || 'Ok'}; ${s.controllers.length} controllers healthy`, {
    evidence,
  });
}

/** Asks sampled agents for their own status: any component Failure or failing controller means the node's datapath is at risk. */
export const componentAgentStatus: CheckDefinition = {
  id: ID,
  layer: 'component',
  doc: 'Each sampled agent reports cilium/kvstore/kubernetes/health Ok and no failing controllers (`cilium-dbg status -o json`).',
  doing: 'list the Cilium agents',
  async run(facts) {
    const outs = await facts.agentStatus();
    if (outs.length === 0) {
      const hint = 'Is Cilium installed in kube-system? `kubectl -n kube-system get ds cilium`.';
      return [o.fail('cluster', 'no Cilium agent pods found (k8s-app=cilium in kube-system)', hint)];
    }
    return outs.map((out) => {
      const evidence = { pod: out.pod };
      switch (out.kind) {
        case 'ok':
          return judge(out.node, out.pod, out.value, out.binary);
        case 'not-running':
          return o.fail(
            out.node,
            `agent ${out.pod} is not running (${out.reason})`,
            hints.crashloop(out.pod),
            {
              evidence: { ...evidence, reason: out.reason },
            },
          );
        case 'daemon-unreachable':
          return o.fail(out.node, `agent API unreachable: ${out.message}`, hints.agentUnreachable, {
            evidence,
          });
        default:
          return agentProblem(ID, out, 'cilium-dbg status -o json') as Outcome;
      }
    });
  },
};
