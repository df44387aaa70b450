import type { AgentView, CommandResult } from './agent-view.ts';
import { renderControllerLines } from './render-status-controllers.ts';
import { renderStatusHealthLines } from './render-status-health.ts';
import { renderMeshLines } from './render-status-mesh.ts';
import {
  ciliumMessage,
  identityRange,
  ipamStatus,
  k8sApis,
  kernelHasTcx,
  kubernetesMessage,
  routerIP,
} from './status-values.ts';
import { tabwrite } from './tabwriter.ts';
import { atLeast } from './version.ts';

/** Flags of `cilium-dbg status` that change the text output. */
export interface StatusTextOptions {
  verbose?: boolean;
  allControllers?: boolean;
  allHealth?: boolean;
  allClusters?: boolean;
}

/** True when cilium's own state makes `status` (text/brief) exit 1. */
export function ciliumUnhealthy(view: AgentView): boolean {
  return view.cilium.state === 'Warning' || view.cilium.state === 'Failure';
}

function headLines(view: AgentView): string[] {
  const v = view.version;
  const lines = [`KVStore:\t${view.kvstore.state}\t${view.kvstore.msg}`];
  lines.push(`Kubernetes:\t${view.kubernetes.state}\t${kubernetesMessage(view)}`);
  if (view.kubernetes.state !== 'Disabled') lines.push(`Kubernetes APIs:\t["${k8sApis().join('", "')}"]`);
  // 1.16 samples separate device name and IPs with a tab; the 1.14 formatter used one space
  const sep = atLeast(v, 1, 16) ? '\t' : ' ';
  const kpr = view.kubeProxyReplacement
    ? `True\t[eth0${sep}${view.nodeIP} fe80::be24:11ff:fe20:cc1f (Direct Routing)]`
    : 'False\t';
  lines.push(`KubeProxyReplacement:\t${kpr}`, 'Host firewall:\tDisabled', 'SRv6:\tDisabled');
  lines.push('CNI Chaining:\tnone');
  lines.push(
    'CNI Config file:\tsuccessfully wrote CNI configuration file to /host/etc/cni/net.d/05-cilium.conflist',
  );
  lines.push(`Cilium:\t${view.cilium.state}   ${ciliumMessage(view)}`);
  lines.push(`NodeMonitor:\tListening for events on ${view.cpus} CPUs with 64x4096 of shared memory`);
  lines.push(`Cilium health daemon:\t${view.health.state}\t${view.health.msg}`);
  lines.push(`IPAM:\t${ipamStatus(view)}`);
  return lines;
}

function datapathLines(view: AgentView, verbose: boolean): string[] {
  const v = view.version;
  const lines = ['IPv4 BIG TCP:\tDisabled', 'IPv6 BIG TCP:\tDisabled', 'BandwidthManager:\tDisabled'];
  const network = view.routingMode === 'tunnel' ? `Tunnel [${view.tunnelProtocol}]` : 'Native';
  if (atLeast(v, 1, 15)) lines.push(`Routing:\tNetwork: ${network}\tHost: Legacy`);
  else lines.push('Host Routing:\tLegacy');
  if (atLeast(v, 1, 16)) {
    lines.push(`Attach Mode:\t${kernelHasTcx(view.kernel) ? 'TCX' : 'Legacy TC'}`);
    lines.push('Device Mode:\tveth');
  }
  lines.push('Masquerading:\tIPTables [IPv4: Enabled, IPv6: Disabled]');
  if (verbose) lines.push('Clock Source for BPF:\tktime');
  return lines;
}

function tailLines(view: AgentView, verbose: boolean): string[] {
  const range = identityRange(view);
  const lines = [
    `Proxy Status:\tOK, ip ${routerIP(view)}, 0 redirects active on ports 10000-20000, Envoy: embedded`,
    `Global Identity Range:\tmin ${range.min}, max ${range.max}`,
  ];
  const h = view.hubble;
  if (!h.enabled || h.state === 'Disabled') lines.push('Hubble:\tDisabled');
  else {
    const pct = h.maxFlows > 0 ? ((h.currentFlows / h.maxFlows) * 100).toFixed(2) : '0.00';
    const msg = h.msg !== '' ? ` ${h.msg}` : '';
    lines.push(
      `Hubble:\t${h.state}${msg}\tCurrent/Max Flows: ${h.currentFlows}/${h.maxFlows} (${pct}%), Flows/s: ${h.flowsPerSecond.toFixed(2)}\tMetrics: Ok`,
    );
  }
  if (verbose) lines.push('BPF Maps:\tdynamic sizing: on (ratio: 0.002500)');
  lines.push('Encryption:\tDisabled\t');
  return lines;
}

/**
 * `cilium-dbg status` text output, laid out with Go tabwriter (minwidth 2, padding 3).
 * Line formats follow cilium's pkg/client FormatStatusResponse (1.14-era source read) and the
 * real 1.16.5 sample; version cut-overs other than those two are best guesses.
 * When cilium's state is Warning/Failure the output stops before `Cluster health:` and exits 1.
 */
export function renderStatusText(view: AgentView, opts: StatusTextOptions = {}): CommandResult {
  const verbose = opts.verbose === true;
  const lines = [
    ...headLines(view),
    ...renderMeshLines(view, verbose || opts.allClusters === true),
    ...datapathLines(view, verbose),
    ...renderControllerLines(view, verbose || opts.allControllers === true),
    ...tailLines(view, verbose),
  ];
  if (ciliumUnhealthy(view)) {
    return { stdout: tabwrite(`${lines.join('\n')}\n`, 2, 3), stderr: '', exitCode: 1 };
  }
  lines.push(...renderStatusHealthLines(view, verbose || opts.allHealth === true));
  const v = view.version;
  if (atLeast(v, 1, 16) && !atLeast(v, 1, 18)) {
    lines.push(`Modules Health:\tStopped(0) Degraded(0) OK(${atLeast(v, 1, 17) ? 118 : 105})`);
  }
  return { stdout: tabwrite(`${lines.join('\n')}\n`, 2, 3), stderr: '', exitCode: 0 };
}
