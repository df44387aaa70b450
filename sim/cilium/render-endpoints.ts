import { createHash } from 'node:crypto';
import type { AgentView, CommandResult, EndpointView } from './agent-view.ts';
import { goJson } from './go-json.ts';
import { tabwrite } from './tabwriter.ts';

/** Flags of `cilium-dbg endpoint list`. */
export interface EndpointListOptions {
  json?: boolean;
  noHeaders?: boolean;
}

function textRows(ep: EndpointView): string[] {
  const labels = ep.labels.length > 0 ? [...ep.labels].sort() : ['no labels'];
  const ipv4 = ep.ipv4;
  const [first = 'no labels', ...rest] = labels;
  return [
    `${ep.id}\t${ep.policyIngress}\t${ep.policyEgress}\t${ep.identity}\t${first}\t\t${ipv4}\t${ep.state}\t`,
    ...rest.map((l) => `\t\t\t\t${l}\t\t\t\t`),
  ];
}

function policyEnabled(ep: EndpointView): string {
  const ing = ep.policyIngress === 'Enabled';
  const eg = ep.policyEgress === 'Enabled';
  if (ing && eg) return 'both';
  if (ing) return 'ingress';
  if (eg) return 'egress';
  return 'none';
}

function endpointModel(ep: EndpointView) {
  const labels = [...ep.labels].sort();
  const ext: Record<string, string> = {};
  if (ep.namespace) ext['k8s-namespace'] = ep.namespace;
  if (ep.podName) ext['k8s-pod-name'] = ep.podName;
  if (ep.namespace && ep.podName) ext['pod-name'] = `${ep.namespace}/${ep.podName}`;
  const addressing = ep.ipv4 !== '' ? [{ ipv4: ep.ipv4, 'ipv4-pool-name': 'default' }] : [{}];
  return {
    id: ep.id,
    spec: { 'label-configuration': {}, options: {} },
    status: {
      'external-identifiers': ext,
      health: { bpf: 'OK', connected: true, overallHealth: 'OK', policy: 'OK' },
      identity: {
        id: ep.identity,
        labels,
        labelsSHA256: createHash('sha256').update(labels.join('\n')).digest('hex'),
      },
      labels: { 'security-relevant': labels },
      networking: {
        addressing,
        'host-mac': '02:42:ac:11:00:02',
        'interface-index': 10 + (ep.id % 50),
        'interface-name':
          ep.identity === 1 ? 'cilium_host' : `lxc${ep.id.toString(16).padStart(8, '0').slice(0, 8)}`,
        mac: '6a:1b:9c:22:3d:4e',
      },
      policy: { realized: { 'policy-enabled': policyEnabled(ep) } },
      realized: {},
      state: ep.state,
    },
  };
}

/**
 * `cilium-dbg endpoint list`: tabwriter(minwidth 5, padding 3) table with the two header lines
 * and one continuation line per extra label (every line tab-terminated, as cilium-dbg/cmd/endpoint_list.go
 * prints it, so cells carry trailing padding); `-o json` prints the Endpoint model array instead.
 */
export function renderEndpointList(view: AgentView, opts: EndpointListOptions = {}): CommandResult {
  const sorted = [...view.endpoints].sort((a, b) => a.id - b.id);
  if (opts.json === true) {
    return { stdout: goJson(sorted.map((ep) => endpointModel(ep))), stderr: '', exitCode: 0 };
  }
  const lines: string[] = [];
  if (opts.noHeaders !== true) {
    lines.push(
      'ENDPOINT\tPOLICY (ingress)\tPOLICY (egress)\tIDENTITY\tLABELS (source:key[=value])\tIPv6\tIPv4\tSTATUS\t',
    );
    lines.push('\tENFORCEMENT\tENFORCEMENT\t\t\t\t\t');
  }
  for (const ep of sorted) lines.push(...textRows(ep));
  return { stdout: tabwrite(`${lines.join('\n')}\n`, 5, 3), stderr: '', exitCode: 0 };
}
