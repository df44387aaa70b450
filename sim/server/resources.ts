import type { ResourceName } from '../world/types.ts';

export interface ResourceInfo {
  name: ResourceName;
  singular: string;
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  verbs: string[];
  categories?: string[];
}

const READ = ['get', 'list', 'watch'];

/** Every resource the fake apiserver serves (discovery, REST, Table). */
const RESOURCES: ResourceInfo[] = [
  {
    name: 'nodes',
    singular: 'node',
    group: '',
    version: 'v1',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    verbs: READ,
  },
  {
    name: 'namespaces',
    singular: 'namespace',
    group: '',
    version: 'v1',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    verbs: READ,
  },
  {
    name: 'pods',
    singular: 'pod',
    group: '',
    version: 'v1',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    verbs: [...READ, 'delete'],
    categories: ['all'],
  },
  {
    name: 'services',
    singular: 'service',
    group: '',
    version: 'v1',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    verbs: READ,
    categories: ['all'],
  },
  {
    name: 'endpoints',
    singular: 'endpoints',
    group: '',
    version: 'v1',
    kind: 'Endpoints',
    namespaced: true,
    shortNames: ['ep'],
    verbs: READ,
  },
  {
    name: 'configmaps',
    singular: 'configmap',
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
    verbs: READ,
  },
  {
    name: 'events',
    singular: 'event',
    group: '',
    version: 'v1',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    verbs: READ,
  },
  {
    name: 'secrets',
    singular: 'secret',
    group: '',
    version: 'v1',
    kind: 'Secret',
    namespaced: true,
    verbs: READ,
  },
  {
    name: 'daemonsets',
    singular: 'daemonset',
    group: 'apps',
    version: 'v1',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    verbs: READ,
    categories: ['all'],
  },
  {
    name: 'deployments',
    singular: 'deployment',
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    verbs: READ,
    categories: ['all'],
  },
  {
    name: 'jobs',
    singular: 'job',
    group: 'batch',
    version: 'v1',
    kind: 'Job',
    namespaced: true,
    verbs: ['create', 'delete', 'get', 'list', 'watch'],
    categories: ['all'],
  },
  {
    name: 'ciliumendpoints',
    singular: 'ciliumendpoint',
    group: 'cilium.io',
    version: 'v2',
    kind: 'CiliumEndpoint',
    namespaced: true,
    shortNames: ['cep', 'ciliumep'],
    verbs: READ,
    categories: ['cilium'],
  },
];

/** The resource served at `<group>/<version>/<name>`, if any. */
export function findResource(group: string, version: string, name: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.name === name);
}

const GROUPS = [
  { name: 'apps', version: 'v1' },
  { name: 'batch', version: 'v1' },
  { name: 'cilium.io', version: 'v2' },
];

/** Legacy (unaggregated) discovery documents by path, or undefined for other paths. */
export function discovery(path: string, serverAddress: string): unknown {
  if (path === '/api')
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: GROUPS.map((g) => {
        const gv = { groupVersion: `${g.name}/${g.version}`, version: g.version };
        return { name: g.name, versions: [gv], preferredVersion: gv };
      }),
    };
  }
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  const group = m[2] ?? '';
  const version = m[1] ?? m[3] ?? '';
  const own = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (own.length === 0) return undefined;
  const resources: Record<string, unknown>[] = own.map((r) => ({
    name: r.name,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
    ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
  }));
  if (group === '') {
    resources.push({
      name: 'pods/exec',
      singularName: '',
      namespaced: true,
      kind: 'PodExecOptions',
      verbs: ['create', 'get'],
    });
    resources.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  }
  if (group === 'batch')
    resources.push({ name: 'jobs/status', singularName: '', namespaced: true, kind: 'Job', verbs: ['get'] });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
