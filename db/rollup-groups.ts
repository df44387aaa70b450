import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from './client.ts';

const D = 86_400_000;

/** The groupings trends answer from `rollup_groups`, by code, with the registry column (and its default) keying them. */
const groupings = {
  fleet: { code: 0, column: undefined, none: 'fleet' },
  provider: { code: 1, column: 'provider', none: 'unknown' },
  region: { code: 2, column: 'region', none: 'unknown' },
  mesh: { code: 3, column: 'mesh_group', none: 'none' },
} as const;

/** A cluster's key in grouping `g`, from the registry row aliased `alias`. */
const keyOf = (g: Grouping, alias: string) => {
  const { column, none } = groupings[g];
  return column ? `coalesce(${alias}.${column}, '${none}')` : `'${none}'`;
};

/** The `rollup_groups.grouping` code of a trends grouping (the whole fleet without one). */
export const groupingCode = (g: Grouping | undefined) => groupings[g ?? 'fleet'].code;

export type Grouping = keyof typeof groupings;

const columns = `period, grouping, bucket, key, runs, n_pass, n_warn, n_fail, n_error, clusters_failing, rtt_sum,
  rtt_n, ep_mean_sum, ep_clusters`;

/** The group rows of one grouping summed from the cluster totals (check_id 0) matching `where` on `u` / `c`. */
function summed(g: Grouping, where: SQL): SQL {
  const { code } = groupings[g];
  const key = keyOf(g, 'c');
  return sql`insert into rollup_groups (${sql.raw(columns)})
    select u.period, ${sql.raw(`${code}`)}, u.bucket, ${sql.raw(key)}, sum(u.runs), sum(u.n_pass), sum(u.n_warn),
      sum(u.n_fail), sum(u.n_error), sum(u.runs_failing > 0), sum(u.rtt_sum), sum(u.rtt_n),
      coalesce(sum(case when u.ep_n > 0 then u.ep_sum * 1.0 / u.ep_n end), 0), sum(u.ep_n > 0)
    from rollups u ${sql.raw(g === 'fleet' ? '' : 'join clusters c on c.id = u.cluster_id')}
    where u.check_id = 0 and ${where}
    group by u.period, u.bucket, ${sql.raw(key)}`;
}

const all = Object.keys(groupings) as Grouping[];

/** Rebuilds every group row from the rollups (bulk loads). */
export async function rebuildRollupGroups(tx: Orm): Promise<void> {
  await tx.run(sql`delete from rollup_groups`);
  for (const g of all) await tx.run(summed(g, sql`1 = 1`));
}

/**
 * Recomputes the group rows of the hours in `rollup_dirty` and of their days (call after their cluster rollups
 * were refreshed, before `rollup_dirty` is cleared).
 */
export async function refreshGroupBuckets(tx: Orm): Promise<void> {
  const hours = '(select distinct hour from rollup_dirty)';
  const days = `(select distinct cast(hour / ${D} as integer) * ${D} from rollup_dirty)`;
  for (const [period, buckets] of [
    [0, hours],
    [1, days],
  ] as const) {
    await tx.run(sql`delete from rollup_groups where period = ${period} and bucket in ${sql.raw(buckets)}`);
    for (const g of all)
      await tx.run(summed(g, sql`u.period = ${period} and u.bucket in ${sql.raw(buckets)}`));
  }
}

/** A cluster's registry facts that decide its groups. */
export interface GroupFacts {
  provider: string | null;
  region: string | null;
  meshGroup: string | null;
}

/**
 * After a cluster's provider, region or mesh group changed in the registry (already updated), recomputes the rows
 * of its old and new keys in each grouping that changed, from the rollups of the clusters now under those keys:
 * trends group every bucket by the current registry.
 */
export async function regroupCluster(tx: Orm, before: GroupFacts, after: GroupFacts): Promise<void> {
  const moves: [Exclude<Grouping, 'fleet'>, string | null, string | null][] = [
    ['provider', before.provider, after.provider],
    ['region', before.region, after.region],
    ['mesh', before.meshGroup, after.meshGroup],
  ];
  for (const [g, from, to] of moves) {
    const { code, none } = groupings[g];
    const keys = JSON.stringify([from ?? none, to ?? none]);
    if ((from ?? none) === (to ?? none)) continue;
    const inKeys = sql`(select value from json_each(${keys}))`;
    await tx.run(
      sql`delete from rollup_groups where period in (0, 1) and grouping = ${code} and key in ${inKeys}`,
    );
    const members = sql`(select c2.id from clusters c2 where ${sql.raw(keyOf(g, 'c2'))} in ${inKeys})`;
    await tx.run(summed(g, sql`u.period in (0, 1) and u.cluster_id in ${members}`));
  }
}
