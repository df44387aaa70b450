import { sql } from 'drizzle-orm';
import type { StatusChange } from '../core/analysis/flapping.ts';
import type { Db } from './client.ts';
import { statusName } from './codec.ts';

/** Status changes in [from, to] (optionally one cluster). */
export async function readChanges(
  db: Db,
  from: number,
  to: number,
  cluster?: string,
): Promise<StatusChange[]> {
  const rows = await db.all<{
    cluster: string;
    check_name: string;
    subject: string;
    at: number;
    f: number;
    t: number;
  }>(
    sql`select c.name as cluster, k.name as check_name, s.name as subject, x.at, x.from_status as f, x.to_status as t
      from status_changes x join clusters c on c.id = x.cluster_id join checks k on k.id = x.check_id
      join subjects s on s.id = x.subject_id
      where x.at >= ${from} and x.at <= ${to} ${cluster ? sql`and c.name = ${cluster}` : sql``}`,
  );
  return rows.map((r) => ({
    cluster: r.cluster,
    check: r.check_name,
    subject: r.subject,
    at: r.at,
    from: statusName(r.f),
    to: statusName(r.t),
  }));
}
