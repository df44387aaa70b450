/** Hints shared by several checks: what an engineer should look at next. */
export const hints = {
  agentHang:
    'The agent API did not answer before the deadline. A hung `cilium-dbg status` usually means the agent is stuck ' +
    'initialising BPF maps: check the kernel version against the Cilium minimum, SELinux denials (`ausearch -m avc`), ' +
    'and that `/sys/fs/bpf` is mounted as bpffs on the node (`mount | grep /sys/fs/bpf`); then the agent log.',
  agentUnreachable:
    'The agent API socket did not answer (`/var/run/cilium/cilium.sock`): the agent is starting or restarting. ' +
    'Check `kubectl -n kube-system logs <pod> -c cilium-agent` and the pod events.',
  healthUnreachable:
    'cilium-health could not reach the health daemon (`/var/run/cilium/health.sock`): the health endpoint in the agent ' +
    'is down or restarting. Check the "Cilium health daemon" line of `cilium-dbg status` and the agent log ' +
    '(`kubectl -n kube-system logs <pod> -c cilium-agent`).',
  agentDownTarget: (node: string) =>
    `The Cilium agent on ${node} is not running (see component.agent.status): its health endpoint and the :4240 ` +
    'responder are down with it, so its peers cannot reach them. Fix the agent first; this is not (yet) a network-path problem.',
  crashloop: (pod: string) =>
    `The agent is crash looping: read why it died with \`kubectl -n kube-system logs ${pod} -c cilium-agent --previous\` ` +
    '(common causes: BPF load/map errors on an old kernel, a bad cilium-config value, an unreachable API server).',
  port4240:
    'ICMP reaches the node but HTTP to the cilium-health port 4240 does not: port 4240/TCP is most likely blocked ' +
    'between nodes (security groups / firewall / NetworkPolicy on the host). This breaks health reporting, ' +
    'it is NOT a business-traffic outage by itself.',
  icmpOnly:
    'HTTP to port 4240 works but ICMP echo does not: ICMP is filtered between the nodes (security groups / firewall ' +
    'must allow ICMP type 8/0 for cilium-health). Traffic still flows; health reporting is degraded.',
  pathDown:
    'Both ICMP and HTTP (port 4240) fail towards this node: it is unreachable from its peers over the pod network. ' +
    'Check node state, the tunnel/routing path (VXLAN 8472/UDP, Geneve 6081/UDP or native routes), security ' +
    'groups, and `cilium-health status --probe` on the named agents.',
  rbac: (what: string) =>
    `fleetcheck lacks permission to ${what}: apply deploy/rbac.yaml (ClusterRole fleetcheck-reader, Roles in ` +
    'kube-system and fleetcheck-probe) and bind it to the identity fleetcheck uses (on EKS: an access entry).',
  unreachableCluster:
    'The API server did not answer: check the endpoint, network path / VPN, and that the cluster is running.',
  garbage: (cmd: string) =>
    `\`${cmd}\` printed output fleetcheck cannot parse (quoted): check the agent image and version, and run the ` +
    'command by hand in the cilium-agent container.',
} as const;
