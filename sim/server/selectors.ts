import type { KObject } from '../world/types.ts';
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

const FIELDS: Record<string, (o: KObject) => string | undefined> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace,
  'spec.nodeName': (o) => o.spec?.nodeName ?? '',
  'status.phase': (o) => o.status?.phase,
  'involvedObject.name': (o) => o.involvedObject?.name,
  'involvedObject.namespace': (o) => o.involvedObject?.namespace,
  'involvedObject.uid': (o) => o.involvedObject?.uid,
  'involvedObject.kind': (o) => o.involvedObject?.kind,
  type: (o) => o.type,
};

/** Builds a predicate from `labelSelector` and `fieldSelector` query values. */
export function selectorPredicate(
  labelSelector: string | null,
  fieldSelector: string | null,
): (o: KObject) => boolean {
  const labels = parseLabelSelector(labelSelector);
  const fields = parseLabelSelector(fieldSelector);
  for (const f of fields) {
    if (!FIELDS[f.key] || (f.op !== 'eq' && f.op !== 'neq'))
      throw new SelectorError(
        `"${f.key}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
  }
  return (o) => matches(labels, (k) => o.metadata.labels?.[k]) && matches(fields, (k) => FIELDS[k]?.(o));
}
