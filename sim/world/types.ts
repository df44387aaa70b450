/** Plain Kubernetes JSON objects as the simulator stores and serves them. */
interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
  generation?: number;
}

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: arbitrary Kubernetes JSON (spec/status/data) is served as-is
  [field: string]: any;
}

/** The resources the fake apiserver knows, by plural name. */
export type ResourceName =
  | 'nodes'
  | 'namespaces'
  | 'pods'
  | 'services'
  | 'endpoints'
  | 'configmaps'
  | 'secrets'
  | 'daemonsets'
  | 'deployments'
  | 'jobs'
  | 'ciliumendpoints'
  | 'events';
