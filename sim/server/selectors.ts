import type { KObject, ResourceName } from '../world/types.ts';
import { fieldLabel } from './field-labels.ts';
import { parseFieldSelector } from './field-selector.ts';
import { parseLabelSelector, type Requirement, SelectorError } from './label-selector-parser.ts';

export { SelectorError };

function matches(reqs: Requirement[], get: (key: string) => string | undefined): boolean {
  return reqs.every((r) => {
    const v = get(r.key);
    switch (r.op) {
      case 'eq':
        return v === r.value;
      case 'neq':
        return v !== r.value;
      case 'gt':
        return v !== undefined && Number.parseInt(v, 10) > Number.parseInt(r.value, 10);
      case 'lt':
        return v !== undefined && Number.parseInt(v, 10) < Number.parseInt(r.value, 10);
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'exists':
        return v !== undefined;
      case 'notexists':
        return v === undefined;
    }
    return false;
  });
}

/**
 * Builds a predicate from `labelSelector` and `fieldSelector` query values for a list of `resource`, or throws
 * SelectorError worded like kube-apiserver `kubernetesVersion` (the label selector is checked first).
 */
export function selectorPredicate(
  resource: ResourceName,
  labelSelector: string | null,
  fieldSelector: string | null,
  kubernetesVersion: string,
): (o: KObject) => boolean {
  const labels = parseLabelSelector(labelSelector, kubernetesVersion);
  const fields = parseFieldSelector(fieldSelector).map((t) => {
    const label = fieldLabel(resource, t.field);
    if ('error' in label) throw new SelectorError(label.error);
    return { ...t, extract: label.extract };
  });
  return (o) =>
    matches(labels, (k) => o.metadata.labels?.[k]) &&
    fields.every((f) => ((f.extract(o) ?? '') === f.value) === (f.op === 'eq'));
}
