import type { KObject } from '../world/types.ts';
import { COLUMNS } from './table-columns.ts';

/** True when the client asked for a server-side Table (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept.split(',')[0] ?? '');
}

/** Converts objects to a meta.k8s.io/v1 Table with PartialObjectMetadata rows. */
export function toTable(
  resource: string,
  objects: KObject[],
  resourceVersion: string,
  nowMs: number,
  withHeaders = true,
): Record<string, unknown> {
  const cols =
    COLUMNS[resource] ?? [COLUMNS.namespaces?.[0], COLUMNS.namespaces?.[2]].filter((c) => c !== undefined);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: withHeaders
      ? cols.map((c) => ({
          name: c.name,
          type: c.type ?? 'string',
          format: c.name === 'Name' ? 'name' : '',
          description: '',
          priority: c.priority ?? 0,
        }))
      : [],
    rows: objects.map((o) => ({
      cells: cols.map((c) => c.cell(o, nowMs)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
