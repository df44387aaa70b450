/**
 * Which field labels each resource's list accepts, their values, and the error for any other label — the
 * field label conversion functions and selectable fields of kube-apiserver (k8s.io/kubernetes v1.35.4
 * `pkg/apis/core/v1/conversion.go`, `pkg/apis/batch/v1/conversion.go`, `pkg/registry/*\/strategy.go`
 * ToSelectableFields; apimachinery `runtime.DefaultMetaV1FieldSelectorConversion` for kinds without one;
 * apiextensions-apiserver `crConverter.ConvertFieldLabel` for custom resources).
 */
import type { KObject, ResourceName } from '../world/types.ts';
import { goQuote } from './go-quote.ts';

type Extract = (o: KObject) => string | undefined;

interface FieldLabels {
  fields: Record<string, Extract>;
  /** Accepted labels that are another label's old name (Pod `spec.host` is `spec.nodeName`). */
  aliases?: Record<string, string>;
  unsupported: (label: string) => string;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const name: Extract = (o) => o.metadata.name;
const namespace: Extract = (o) => str(o.metadata.namespace);
const meta = { 'metadata.name': name, 'metadata.namespace': namespace };
const notSupported = (label: string) => `field label not supported: ${label}`;
const DEFAULT: FieldLabels = {
  fields: meta,
  unsupported: (label) =>
    `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

const LABELS: Record<ResourceName, FieldLabels> = {
  pods: {
    fields: {
      ...meta,
      'spec.nodeName': (o) => str(o.spec?.nodeName),
      'spec.restartPolicy': (o) => str(o.spec?.restartPolicy),
      'spec.schedulerName': (o) => str(o.spec?.schedulerName),
      'spec.serviceAccountName': (o) => str(o.spec?.serviceAccountName),
      'spec.hostNetwork': (o) => String(o.spec?.hostNetwork ?? false),
      'status.phase': (o) => str(o.status?.phase),
      'status.podIP': (o) => str(o.status?.podIPs?.[0]?.ip ?? o.status?.podIP),
      'status.podIPs': () => undefined,
      'status.nominatedNodeName': (o) => str(o.status?.nominatedNodeName),
    },
    aliases: { 'spec.host': 'spec.nodeName' },
    unsupported: notSupported,
  },
  nodes: {
    fields: { 'metadata.name': name, 'spec.unschedulable': (o) => String(o.spec?.unschedulable ?? false) },
    unsupported: notSupported,
  },
  namespaces: {
    fields: { 'metadata.name': name, 'status.phase': (o) => str(o.status?.phase) },
    unsupported: notSupported,
  },
  services: {
    fields: {
      ...meta,
      'spec.clusterIP': (o) => str(o.spec?.clusterIP),
      'spec.type': (o) => str(o.spec?.type),
    },
    unsupported: notSupported,
  },
  secrets: { fields: { ...meta, type: (o) => str(o.type) }, unsupported: notSupported },
  events: {
    fields: {
      ...meta,
      'involvedObject.kind': (o) => str(o.involvedObject?.kind),
      'involvedObject.namespace': (o) => str(o.involvedObject?.namespace),
      'involvedObject.name': (o) => str(o.involvedObject?.name),
      'involvedObject.uid': (o) => str(o.involvedObject?.uid),
      'involvedObject.apiVersion': (o) => str(o.involvedObject?.apiVersion),
      'involvedObject.resourceVersion': (o) => str(o.involvedObject?.resourceVersion),
      'involvedObject.fieldPath': (o) => str(o.involvedObject?.fieldPath),
      reason: (o) => str(o.reason),
      reportingComponent: (o) => str(o.reportingComponent),
      source: (o) => str(o.source?.component),
      type: (o) => str(o.type),
    },
    unsupported: notSupported,
  },
  jobs: {
    fields: { ...meta, 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
    unsupported: (label) => `field label ${goQuote(label)} not supported for Job`,
  },
  ciliumendpoints: { fields: meta, unsupported: notSupported },
  configmaps: DEFAULT,
  endpoints: DEFAULT,
  daemonsets: DEFAULT,
  deployments: DEFAULT,
};

/**
 * The value extractor of `label` on `resource`'s objects (a missing value reads as ""), or the message of
 * kube-apiserver's 400 for a label the resource does not support.
 */
export function fieldLabel(resource: ResourceName, label: string): { extract: Extract } | { error: string } {
  const labels = LABELS[resource];
  const extract = labels.fields[labels.aliases?.[label] ?? label];
  return extract ? { extract } : { error: labels.unsupported(label) };
}
