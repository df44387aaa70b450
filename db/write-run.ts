import { sql } from 'drizzle-orm';
import type { FactedRun } from '../core/history/ports.ts';
import type { ClusterReport } from '../core/sweep/report.ts';
import { first, type Orm } from './client.ts';
import { packLayers, runMeta, stableJson, statusCode } from './codec.ts';
import type { Dictionary } from './dictionary.ts';
import { refreshLatest } from './latest-state.ts';
import { type GroupFacts, regroupCluster } from './rollup-groups.ts';
import {
  checkResultsTable,
  clusterRunsTable,
  clustersTable,
  meshLinksTable,
  nodeLinksTable,
  rollupDirtyTable,
  statusChangesTable,
} from './schema/index.ts';
import { recordChanges } from './write-changes.ts';

const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Upserts the registry row of a cluster and returns its id; registry facts follow the newest run. */
async function upsertCluster(
  tx: Orm,
  r: ClusterReport,
  meshGroup: string | undefined,
  at: number,
): Promise<number> {
  const facts = {
    provider: r.provider ?? null,
    region: r.region ?? null,
    account: r.account ?? null,
    labels: stableJson(r.labels ?? {}),
    meshGroup: meshGroup ?? null,
    ciliumVersion: r.ciliumVersion ?? null,
    ciliumClusterId: r.clusterId ?? null,
  };
  const row = await first<GroupFacts & { id: number; last_seen: number }>(
    tx,
    sql`select id, last_seen, provider, region, mesh_group as meshGroup from ${clustersTable} where name = ${r.name}`,
  );
  if (!row) {
    const [ins] = await tx
      .insert(clustersTable)
      .values({ name: r.name, ...facts, firstSeen: at, lastSeen: at })
      .returning({ id: clustersTable.id });
    if (!ins) throw new Error('cluster insert returned no id');
    return ins.id;
  }
  if (at >= row.last_seen) {
    await tx.run(sql`update ${clustersTable} set provider = ${facts.provider}, region = ${facts.region},
      account = ${facts.account}, labels = ${facts.labels}, mesh_group = ${facts.meshGroup},
      cilium_version = ${facts.ciliumVersion}, cilium_cluster_id = ${facts.ciliumClusterId}, last_seen = ${at}
      where id = ${row.id}`);
    await regroupCluster(tx, row, facts);
  }
  await tx.run(sql`update ${clustersTable} set first_seen = min(first_seen, ${at}) where id = ${row.id}`);
  return row.id;
}

/** Deletes a run and everything hanging off it. */
async function deleteRun(tx: Orm, runId: number): Promise<void> {
  for (const t of [checkResultsTable, nodeLinksTable, meshLinksTable, statusChangesTable])
    await tx.run(sql`delete from ${t} where run_id = ${runId}`);
  await tx.run(sql`delete from ${clusterRunsTable} where id = ${runId}`);
}

/**
 * Stores one cluster run of a sweep at time `at` (ms), replacing an earlier copy of the same (sweep, cluster),
 * and records status changes vs the neighbouring runs.
 */
export async function writeRun(
  tx: Orm,
  dict: Dictionary,
  sweepId: string,
  stored: FactedRun,
  at: number,
): Promise<number> {
  const { report: r, facts } = stored;
  const clusterId = await upsertCluster(tx, r, facts.meshGroup, at);
  const old = await first<{ id: number }>(
    tx,
    sql`select id from ${clusterRunsTable} where sweep_id = ${sweepId} and cluster_id = ${clusterId}`,
  );
  if (old) await deleteRun(tx, old.id);
  const c = facts.counts;
  const [run] = await tx
    .insert(clusterRunsTable)
    .values({
      sweepId,
      clusterId,
      at,
      status: statusCode(r.status),
      durationMs: Math.round(r.durationMs),
      nPass: c.pass,
      nWarn: c.warn,
      nFail: c.fail,
      nError: c.error,
      nSkip: c.skip,
      layers: packLayers(facts.layers),
      rttP95: facts.healthRttP95Ms ?? null,
      epNotReady: facts.endpointsNotReady ?? null,
      ciliumVersion: r.ciliumVersion ?? null,
      ciliumClusterId: r.clusterId ?? null,
      metaId: await dict.text(tx, stableJson(runMeta(r))),
      configId: r.config ? await dict.text(tx, stableJson(r.config)) : null,
      errorCode: r.error?.code ?? null,
      errorMessage: r.error?.message ?? null,
    })
    .returning({ id: clusterRunsTable.id });
  if (!run) throw new Error('run insert returned no id');
  const runId = run.id;
  const results = [];
  for (const [seq, o] of r.results.entries()) {
    results.push({
      runId,
      seq,
      checkId: await dict.check(tx, o.check, facts.checkLayers[o.check]),
      subjectId: await dict.subject(tx, o.subject),
      status: statusCode(o.status),
      messageId: await dict.text(tx, o.message),
      hintId: await dict.text(tx, o.hint),
      evidenceId: o.evidence ? await dict.text(tx, stableJson(o.evidence)) : null,
      metrics: o.metrics ? JSON.stringify(o.metrics) : null,
    });
  }
  for (const part of chunk(results, 200)) await tx.insert(checkResultsTable).values(part);
  const links = [];
  for (const [seq, l] of (r.healthLinks ?? []).entries()) {
    links.push({
      runId,
      seq,
      fromId: await dict.subject(tx, l.from),
      toId: await dict.subject(tx, l.to),
      target: l.target === 'host' ? 0 : 1,
      probe: l.probe === 'icmp' ? 0 : 1,
      ok: l.ok ? 1 : 0,
      rttMs: l.rttMs ?? null,
      errorId: await dict.text(tx, l.error),
    });
  }
  for (const part of chunk(links, 300)) await tx.insert(nodeLinksTable).values(part);
  const views = [];
  for (const [seq, v] of (r.mesh ?? []).entries()) {
    views.push({
      runId,
      seq,
      peerId: await dict.subject(tx, v.peer),
      configured: v.configured ? 1 : 0,
      agentsReporting: v.agentsReporting,
      agentsReady: v.agentsReady,
      agentsSampled: v.agentsSampled,
      ready: v.ready ? 1 : 0,
      numNodes: v.numNodes ?? null,
      numEndpoints: v.numEndpoints ?? null,
      numFailures: v.numFailures ?? null,
      lastFailure: v.lastFailure ?? null,
      messageId: await dict.text(tx, v.message),
    });
  }
  for (const part of chunk(views, 200)) await tx.insert(meshLinksTable).values(part);
  await recordChanges(tx, clusterId, runId, at);
  await tx.run(sql`update ${clustersTable} set last_run_id = (select id from ${clusterRunsTable}
    where cluster_id = ${clusterId} order by at desc, id desc limit 1) where id = ${clusterId}`);
  await refreshLatest(tx, clusterId);
  await tx
    .insert(rollupDirtyTable)
    .values({ clusterId, hour: Math.floor(at / 3_600_000) * 3_600_000 })
    .onConflictDoNothing();
  return runId;
}
