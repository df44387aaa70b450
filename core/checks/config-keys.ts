/** cilium-config keys that must agree across a mesh. */
export const MESH_CONFIG_KEYS = [
  'routing-mode',
  'tunnel-protocol',
  'ipam',
  'kube-proxy-replacement',
  'enable-wireguard',
  'enable-ipsec',
  'max-connected-clusters',
] as const;

/** The cilium-config keys carried in the run for mesh / fleet comparisons: the cluster's identity + the mesh keys. */
export const COMPARED_CONFIG_KEYS = ['cluster-name', 'cluster-id', ...MESH_CONFIG_KEYS] as const;
