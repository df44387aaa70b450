import { z } from 'zod';
import type { LayerStatuses } from '../core/analysis/types.ts';
import { FleetcheckError } from '../core/errors.ts';
import { type Layer, layerSchema, SEVERITY, type Status } from '../core/outcome.ts';
import type { ClusterReport } from '../core/sweep/report.ts';

/** Status as a small int in severity order: skip 0, pass 1, warn 2, error 3, fail 4. */
export function statusCode(s: Status): number {
  return SEVERITY.indexOf(s);
}

export function statusName(code: number): Status {
  return SEVERITY[code] ?? 'error';
}

export function clusterStatusName(code: number): ClusterReport['status'] {
  const s = statusName(code);
  return s === 'skip' ? 'pass' : s;
}

const layerOrder: readonly Layer[] = layerSchema.options;

/** Packs worst-status-per-layer into one digit per layer (`-` = no counted result). */
export function packLayers(l: LayerStatuses): string {
  return layerOrder.map((name) => (l[name] ? String(statusCode(l[name])) : '-')).join('');
}

export function unpackLayers(packed: string): LayerStatuses {
  const out: LayerStatuses = {};
  layerOrder.forEach((name, i) => {
    const ch = packed[i];
    if (ch && ch !== '-') out[name] = clusterStatusName(Number(ch));
  });
  return out;
}

/** Per-run facts kept as one deduplicated JSON text (exact round trip of the optional report fields). */
export interface RunMeta {
  provider?: string;
  region?: string;
  account?: string;
  labels?: Record<string, string>;
  hasLinks?: boolean;
  hasMesh?: boolean;
}

export function runMeta(r: ClusterReport): RunMeta {
  const m: RunMeta = {};
  if (r.provider !== undefined) m.provider = r.provider;
  if (r.region !== undefined) m.region = r.region;
  if (r.account !== undefined) m.account = r.account;
  if (r.labels !== undefined) m.labels = r.labels;
  if (r.healthLinks !== undefined) m.hasLinks = true;
  if (r.mesh !== undefined) m.hasMesh = true;
  return m;
}

/** Stable JSON (sorted keys) so equal objects share one text row. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.entries(val as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : val,
  );
}

export const iso = (ms: number) => new Date(ms).toISOString();

const plannedSchema = z.array(z.string());

/** The `sweeps.planned` JSON column: the cluster names the plan recorded (none when null). */
export function plannedNames(column: string | null): string[] {
  return column === null ? [] : plannedSchema.parse(JSON.parse(column));
}

/** Opaque page cursors: base64url JSON. */
export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

/**
 * Decodes a page cursor made by `encodeCursor` for the list whose position `schema` describes.
 * Anything else (not base64url JSON, not in canonical form, wrong shape) is an `invalid-input` naming `cursor`.
 */
export function decodeCursor<T>(c: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (c === undefined || c === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success || encodeCursor(parsed.data) !== c)
    throw new FleetcheckError(
      'invalid-input',
      'cursor: not a cursor of this list (use nextCursor of the previous page)',
      {
        parameter: 'cursor',
      },
    );
  return parsed.data;
}
