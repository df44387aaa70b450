import type { KObject } from '../world/types.ts';

type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

/** Thrown for selectors the apiserver would reject with 400. */
export class SelectorError extends Error {}

function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Parses a label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
export function parseLabelSelector(text: string | null): Requirement[] {
  if (!text) return [];
  return splitTop(text).map((part) => {
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m)
      return {
        op: m[2] as 'in' | 'notin',
        key: m[1] as string,
        values: (m[3] as string)
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      };
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part);
    if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1] as string, value: m[3] as string };
    m = /^(!?)([\w./-]+)$/.exec(part);
    if (m) return { op: m[1] ? 'notexists' : 'exists', key: m[2] as string };
    throw new SelectorError(`unable to parse requirement: ${part}`);
  });
}

function matches(reqs: Requirement[], get: (key: string) => string | undefined): boolean {
  return reqs.every((r) => {
    const v = get(r.key);
    switch (r.op) {
      case 'eq':
        return v === r.value;
      case 'neq':
        return v !== r.value;
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
