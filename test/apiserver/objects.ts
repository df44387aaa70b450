import { type Endpoint, type KubeResponse, kubeRequest } from './kube-http.ts';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } & Record<
  string,
  unknown
>;

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Pod: 'pods',
  ConfigMap: 'configmaps',
  ServiceAccount: 'serviceaccounts',
  Secret: 'secrets',
  DaemonSet: 'daemonsets',
  Deployment: 'deployments',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  CustomResourceDefinition: 'customresourcedefinitions',
  CiliumEndpoint: 'ciliumendpoints',
  CiliumNode: 'ciliumnodes',
};

/** The REST path of an object's collection (`/api/v1/namespaces/ns/pods`, `/apis/apps/v1/...`). */
function collectionPath(o: Pick<Obj, 'apiVersion' | 'kind' | 'metadata'>): string {
  const plural = PLURALS[o.kind];
  if (!plural) throw new Error(`no REST path known for kind ${o.kind}`);
  const base = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
  return o.metadata.namespace ? `${base}/namespaces/${o.metadata.namespace}/${plural}` : `${base}/${plural}`;
}

/** Creates an object as `token`; throws with the Status message unless 201. */
export async function create(ep: Endpoint, token: string, o: Obj): Promise<KubeResponse> {
  const r = await kubeRequest(ep, token, 'POST', collectionPath(o), o);
  if (r.status !== 201)
    throw new Error(`create ${o.kind} ${o.metadata.name}: ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

/** Sets an object's status through the status subresource (a JSON merge patch, so controllers' writes cannot conflict). */
export async function putStatus(ep: Endpoint, token: string, o: Obj, status: unknown): Promise<void> {
  const path = `${collectionPath(o)}/${o.metadata.name}/status`;
  const r = await kubeRequest(
    ep,
    token,
    'PATCH',
    path,
    { status },
    { 'Content-Type': 'application/merge-patch+json' },
  );
  if (r.status !== 200)
    throw new Error(`status of ${o.kind} ${o.metadata.name}: ${r.status} ${r.text.slice(0, 300)}`);
}
