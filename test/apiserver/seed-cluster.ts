import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { ControlPlane } from './control-plane.ts';
import { kubeRequest } from './kube-http.ts';
import { create, putStatus } from './objects.ts';
import { waitFor } from './processes.ts';

export const NODES = ['node-1', 'node-2'];
/** Cilium's CRDs loaded from test/fixtures/cilium-crds/ (one release, see its README), by plural. */
export const CILIUM_CRDS = ['ciliumendpoints', 'ciliumnodes'];
const CILIUM_VERSION = '1.18.4';
const IMAGE = `quay.io/cilium/cilium:v${CILIUM_VERSION}`;
const KS = 'kube-system';
const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({
  name,
  ...(namespace ? { namespace } : {}),
  ...(labels ? { labels } : {}),
});

type Doc = Parameters<typeof create>[2];

async function applyFile(cp: ControlPlane, file: string): Promise<Doc[]> {
  const docs = parseAllDocuments(await readFile(file, 'utf8'))
    .map((d) => d.toJS() as Doc | null)
    .filter((d): d is Doc => d !== null && typeof d === 'object' && 'kind' in d);
  for (const d of docs) await create(cp, cp.adminToken, d);
  return docs;
}

function workloadSpec(name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: [{ name, image: IMAGE.replace('cilium:', `${name}:`) }], ...extra },
    },
  };
}

/** An agent pod on `node` whose cilium-agent container runs and is Ready (status set like a kubelet would). */
async function agentPod(cp: ControlPlane, node: string, i: number): Promise<void> {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(`cilium-${i}abcd`, KS, { 'k8s-app': 'cilium' }),
    spec: {
      nodeName: node,
      automountServiceAccountToken: false,
      tolerations: [{ operator: 'Exists' }],
      containers: [{ name: 'cilium-agent', image: IMAGE }],
    },
  };
  await create(cp, cp.adminToken, pod);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await putStatus(cp, cp.adminToken, pod, {
    phase: 'Running',
    hostIP: '127.0.0.1',
    podIP: `10.0.${i}.10`,
    startTime: now,
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
      type,
      status: 'True',
      lastTransitionTime: now,
    })),
    containerStatuses: [
      {
        name: 'cilium-agent',
        ready: true,
        started: true,
        restartCount: 0,
        image: IMAGE,
        imageID: `${IMAGE}@sha256:${'0'.repeat(64)}`,
        state: { running: { startedAt: now } },
      },
    ],
  });
}

/**
 * What a Cilium cluster looks like to the API (no kubelet runs): deploy/rbac.yaml, Cilium's CRDs, cordoned nodes
 * whose kubelet port is closed (exec gets past authorisation, then fails), the agent DaemonSet + operator and
 * hubble-relay Deployments with their status, cilium-config, the clustermesh secret, running agent pods and
 * `endpoints` CiliumEndpoints in namespace `default`, one CiliumNode per node.
 */
export async function seedCluster(cp: ControlPlane, kubeletPort: number, endpoints: number): Promise<void> {
  await applyFile(cp, 'deploy/rbac.yaml');
  for (const plural of CILIUM_CRDS) {
    await applyFile(cp, `test/fixtures/cilium-crds/${plural}.yaml`);
    await waitFor(
      `${plural}.cilium.io CRD established`,
      async () =>
        (await kubeRequest(cp, cp.adminToken, 'GET', `/apis/cilium.io/v2/${plural}`)).status === 200,
      60_000,
    );
  }
  for (const [i, name] of NODES.entries()) {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: meta(name), spec: { unschedulable: true } };
    await create(cp, cp.adminToken, node);
    await putStatus(cp, cp.adminToken, node, {
      addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
      daemonEndpoints: { kubeletEndpoint: { Port: kubeletPort } },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          lastHeartbeatTime: new Date().toISOString(),
        },
      ],
      nodeInfo: {
        kernelVersion: '6.1.112',
        osImage: 'Debian GNU/Linux 12',
        containerRuntimeVersion: 'containerd://1.7.22',
        kubeletVersion: `v${cp.version}`,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
        machineID: `${i}`.repeat(32),
        systemUUID: `${i}`.repeat(32),
        bootID: `${i}`.repeat(32),
      },
    });
  }
  await waitFor(
    'ServiceAccount default in kube-system and fleetcheck-probe',
    async () => {
      for (const ns of [KS, 'fleetcheck-probe']) {
        const r = await kubeRequest(
          cp,
          cp.adminToken,
          'GET',
          `/api/v1/namespaces/${ns}/serviceaccounts/default`,
        );
        if (r.status !== 200) return false;
      }
      return true;
    },
    60_000,
  );
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('cilium', KS, { 'k8s-app': 'cilium' }),
    spec: workloadSpec('cilium-agent', { 'k8s-app': 'cilium' }),
  };
  await create(cp, cp.adminToken, ds);
  const n = NODES.length;
  await putStatus(cp, cp.adminToken, ds, {
    currentNumberScheduled: n,
    desiredNumberScheduled: n,
    numberMisscheduled: 0,
    numberReady: n,
    numberAvailable: n,
    updatedNumberScheduled: n,
    observedGeneration: 1,
  });
  for (const name of ['cilium-operator', 'hubble-relay']) {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(name, KS, { 'io.cilium/app': name }),
      spec: { replicas: 1, ...workloadSpec(name, { 'io.cilium/app': name }) },
    };
    await create(cp, cp.adminToken, d);
    await putStatus(cp, cp.adminToken, d, {
      observedGeneration: 1,
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      updatedReplicas: 1,
    });
  }
  await create(cp, cp.adminToken, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('cilium-config', KS),
    data: { 'cluster-name': 'real', 'cluster-id': '7', 'routing-mode': 'tunnel', 'tunnel-protocol': 'vxlan' },
  });
  await create(cp, cp.adminToken, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('cilium-clustermesh', KS),
    type: 'Opaque',
    data: {},
  });
  for (const [i, node] of NODES.entries()) {
    await agentPod(cp, node, i + 1);
    await create(cp, cp.adminToken, {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNode',
      metadata: meta(node),
      spec: {
        addresses: [{ type: 'InternalIP', ip: '127.0.0.1' }],
        ipam: { podCIDRs: [`10.0.${i + 1}.0/24`] },
      },
    });
  }
  for (let i = 0; i < endpoints; i++) {
    await create(cp, cp.adminToken, {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumEndpoint',
      metadata: meta(`app-${i}`, 'default'),
      status: {
        id: 100 + i,
        state: 'ready',
        identity: { id: 20000 + i },
        networking: {
          addressing: [{ ipv4: `10.0.${9 + Math.floor(i / 250)}.${(i % 250) + 1}` }],
          node: '127.0.0.1',
        },
      },
    });
  }
}
