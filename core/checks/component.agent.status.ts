import { failingControllers, type StatusResponse } from '../cilium/status-json.ts';
import { type Outcome, outcome } from '../outcome.ts';
import { agentProblem } from './agent-outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { errorOutcome } from './error-outcome.ts';
import { hints } from './hints.ts';

const ID = 'component.agent.status';

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
    return outcome.nonPass('fail', ID, node, parts.join('; '), hint, { evidence });
  }
  if (warnings.length > 0 && first) {
    const msg = warnings.map(([n, , m]) => `${n} Warning: ${m}`).join('; ');
    return outcome.nonPass('warn', ID, node, msg, COMPONENT_HINTS[first[0]] as string, { evidence });
  }
  if (!s.cilium?.state) {
    return outcome.nonPass(
      'error',
      ID,
      node,
      'status JSON has no "cilium" state',
      hints.garbage('cilium-dbg status -o json'),
      {
        evidence,
      },
    );
  }
  return outcome.pass(
    ID,
    node,
    `agent ${s.cilium.msg || 'Ok'}; ${s.controllers.length} controllers healthy`,
    { evidence },
  );
}

/** Asks sampled agents for their own status: any component Failure or failing controller means the node's datapath is at risk. */
export const componentAgentStatus: CheckDefinition = {
  id: ID,
  layer: 'component',
  doc: 'Each sampled agent reports cilium/kvstore/kubernetes/health Ok and no failing controllers (`cilium-dbg status -o json`).',
  async run(facts) {
    try {
      const outs = await facts.agentStatus();
      if (outs.length === 0) {
        return [
          outcome.nonPass(
            'fail',
            ID,
            'cluster',
            'no Cilium agent pods found (k8s-app=cilium in kube-system)',
            'Is Cilium installed in kube-system? `kubectl -n kube-system get ds cilium`.',
          ),
        ];
      }
      return outs.map((o) => {
        if (o.kind === 'ok') return judge(o.node, o.pod, o.value, o.binary);
        if (o.kind === 'not-running') {
          return outcome.nonPass(
            'fail',
            ID,
            o.node,
            `agent ${o.pod} is not running (${o.reason})`,
            hints.crashloop(o.pod),
            {
              evidence: { pod: o.pod, reason: o.reason },
            },
          );
        }
        if (o.kind === 'daemon-unreachable') {
          return outcome.nonPass(
            'fail',
            ID,
            o.node,
            `agent API unreachable: ${o.message}`,
            hints.agentUnreachable,
            {
              evidence: { pod: o.pod },
            },
          );
        }
        return agentProblem(ID, o, 'cilium-dbg status -o json') as Outcome;
      });
    } catch (err) {
      return [errorOutcome(ID, 'cluster', err, 'list the Cilium agents')];
    }
  },
};
