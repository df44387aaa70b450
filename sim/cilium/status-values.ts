import type { AgentView } from './agent-view.ts';

/** `1.16.5 (v1.16.5-ad688277)`, or the state message when the view sets one. */
export function ciliumMessage(view: AgentView): string {
  return view.cilium.msg !== '' ? view.cilium.msg : `${view.version} (v${view.version}-${view.commit})`;
}

/** `1.32 (v1.32.0) [linux/amd64]`, or the state message when the view sets one. */
export function kubernetesMessage(view: AgentView): string {
  if (view.kubernetes.msg !== '') return view.kubernetes.msg;
  const [major = '1', minor = '0'] = view.k8sVersion.replace(/^v/, '').split('.');
  return `${major}.${minor} (v${view.k8sVersion.replace(/^v/, '')}) [linux/amd64]`;
}

/** Identity range of a cluster-id: 0 → 256..65535, N → N·65536..(N+1)·65536−1. */
export function identityRange(view: AgentView): { min: number; max: number } {
  if (view.clusterId <= 0) return { min: 256, max: 65535 };
  return { min: view.clusterId * 65536, max: (view.clusterId + 1) * 65536 - 1 };
}

/** The cilium_host (router) IP: a stable address inside the node's pod CIDR. */
export function routerIP(view: AgentView): string {
  const base = view.podCIDR.split('/')[0] ?? '10.0.0.0';
  const parts = base.split('.').map(Number);
  let h = 0;
  for (const ch of view.nodeName) h = (h * 31 + ch.charCodeAt(0)) % 200;
  parts[3] = 10 + h;
  return parts.join('.');
}

/** Kubernetes APIs the agent watches, as listed by `Kubernetes APIs:`. */
export function k8sApis(): string[] {
  return [
    'EndpointSliceOrEndpoint',
    'cilium/v2::CiliumClusterwideNetworkPolicy',
    'cilium/v2::CiliumEndpoint',
    'cilium/v2::CiliumNetworkPolicy',
    'cilium/v2::CiliumNode',
    'cilium/v2alpha1::CiliumCIDRGroup',
    'core/v1::Namespace',
    'core/v1::Pods',
    'core/v1::Service',
    'networking.k8s.io/v1::NetworkPolicy',
  ];
}

/** `IPv4: 5/254 allocated from 10.244.1.0/24, ` (trailing comma-space as cilium prints it). */
export function ipamStatus(view: AgentView): string {
  const prefix = Number(view.podCIDR.split('/')[1] ?? 24);
  const size = 2 ** (32 - prefix) - 2;
  return `IPv4: ${view.allocatedIPs}/${size} allocated from ${view.podCIDR}, `;
}

/** True when the kernel supports TCX attachment (6.6+). */
export function kernelHasTcx(kernel: string): boolean {
  const [maj = 0, min = 0] = kernel.split('.').map((p) => Number.parseInt(p, 10));
  return maj > 6 || (maj === 6 && min >= 6);
}

/** Controllers that currently fail (non-empty failure message). */
export function failingControllers(view: AgentView) {
  return view.controllers.filter((c) => c.failureMessage !== undefined && c.failureMessage !== '');
}
