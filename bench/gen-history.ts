/**
 * Writes a history DB of `--days` (90) of `--interval`-minute (15) sweeps over `--clusters` (200) clusters, in
 * batched transactions with prepared inserts (the bulk path; same schema and migrations as the store), with the
 * hour/day rollups summed in memory as it goes (same definitions as db/rollups.ts), then the latest-state tables and
 * the group rollups rebuilt from them. Output: `--out` (default bench/.data/history.db), a
 * plain DB file the API benchmark can reuse. Usage: npx tsx bench/gen-history.ts [--days 7] [--clusters 20]
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { rebuildLatestSql } from '../db/latest-state.ts';
import { openDb } from '../db/open-db.ts';
import { rebuildRollupGroups } from '../db/rollup-groups.ts';
import { fixtureChecks } from './history-fixtures.ts';
import { seededRandom } from './seeded-random.ts';

export interface GenOptions {
  out: string;
  days: number;
  clusters: number;
  intervalMin: number;
  /** Newest sweep time (ms); default: now rounded down to the interval. */
  end?: number;
}

export function genArgs(argv: string[]): GenOptions {
  const get = (k: string, d: string) => {
    const i = argv.indexOf(`--${k}`);
    return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : d;
  };
  return {
    out: get('out', 'bench/.data/history.db'),
    days: Number(get('days', '90')),
    clusters: Number(get('clusters', '200')),
    intervalMin: Number(get('interval', '15')),
  };
}

const checks = [...fixtureChecks, 'mesh.peer.connected'];
const providers = ['eks', 'gke', 'aks', 'generic'];
const regions = ['eu-west-1', 'us-east-1', 'ap-south-1', 'us-west-2'];

/** Generates the DB; returns counts and the elapsed insert time. */
export async function generate(o: GenOptions): Promise<{ runs: number; results: number; ms: number }> {
  for (const f of [o.out, `${o.out}-wal`, `${o.out}-shm`]) if (existsSync(f)) rmSync(f);
  await (await openDb(o.out)).close();
  const db = new Database(o.out);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const step = o.intervalMin * 60_000;
  const end = o.end ?? Math.floor(Date.now() / step) * step;
  const sweeps = Math.floor((o.days * 86_400_000) / step);
  const start = end - (sweeps - 1) * step;
  const ins = {
    check: db.prepare('insert into checks (id, name, layer) values (?, ?, ?)'),
    subject: db.prepare('insert into subjects (id, name) values (?, ?)'),
    text: db.prepare('insert into texts (id, body) values (?, ?)'),
    cluster: db.prepare(`insert into clusters (id, name, provider, region, labels, mesh_group, cilium_version,
      cilium_cluster_id, first_seen, last_seen) values (?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`),
    sweep: db.prepare(
      'insert into sweeps (id, started_at, finished_at, status, planned) values (?, ?, ?, ?, null)',
    ),
    run: db.prepare(`insert into cluster_runs (id, sweep_id, cluster_id, at, status, duration_ms, n_pass, n_warn,
      n_fail, n_error, n_skip, layers, rtt_p95, ep_not_ready, cilium_version, cilium_cluster_id, meta_id, config_id)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`),
    result:
      db.prepare(`insert into check_results (run_id, seq, check_id, subject_id, status, message_id, hint_id)
      values (?, ?, ?, ?, ?, ?, ?)`),
    mesh: db.prepare(`insert into mesh_links (run_id, seq, peer_id, configured, agents_reporting, agents_ready,
      agents_sampled, ready, num_nodes, num_endpoints, num_failures) values (?, 0, ?, 1, 3, ?, 3, ?, 3, 40, ?)`),
    pair: db.prepare(`insert into mesh_pairs (sweep_id, seq, a, b, at, status, a_sees_b, b_sees_a, message_id)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    rollup:
      db.prepare(`insert into rollups (period, cluster_id, bucket, check_id, runs, n_pass, n_warn, n_fail,
      n_error, n_skip, runs_failing, rtt_sum, rtt_n, ep_sum, ep_n) values (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?)`),
    change: db.prepare(`insert into status_changes (run_id, cluster_id, check_id, subject_id, at, from_status,
      to_status) values (?, ?, ?, ?, ?, ?, ?)`),
  };
  const n = o.clusters;
  const names = Array.from({ length: n }, (_, i) => `c${String(i).padStart(3, '0')}`);
  db.transaction(() => {
    for (const [i, c] of checks.entries()) ins.check.run(i + 1, c, c.split('.')[0]);
    ins.subject.run(1, 'cluster');
    for (const [i, nm] of names.entries()) ins.subject.run(i + 2, nm);
    checks.forEach((c, i) => {
      ins.text.run(i * 3 + 1, `${c} ok`);
      ins.text.run(i * 3 + 2, `${c} failing`);
      ins.text.run(i * 3 + 3, `look at ${c}`);
    });
    ins.text.run(1000, 'pair ok');
    ins.text.run(1001, 'one side cannot see the other');
    for (const [i, nm] of names.entries())
      ins.cluster.run(
        i + 1,
        nm,
        providers[i % 4],
        regions[(i >> 2) % 4],
        `m${i >> 1}`,
        '1.16.3',
        i + 1,
        start,
        end,
      );
  })();
  const r = seededRandom(42);
  const bad = new Int32Array(n * checks.length); // sweeps left in the current fault
  const prev = new Int8Array(n * checks.length).fill(1);
  let runId = 0;
  let results = 0;
  const K = checks.length + 1;
  // Rollup sums per (cluster, check slot): [runs, pass, warn, fail, runsFailing, rttSum, rttN, epSum, epN].
  const hour = Array.from({ length: n * K }, () => new Float64Array(9));
  const dayAcc = Array.from({ length: n * K }, () => new Float64Array(9));
  let curHour = -1;
  let curDay = -1;
  const flush = (period: number, acc: Float64Array[], bucket: number, into?: Float64Array[]) => {
    for (let i = 0; i < acc.length; i++) {
      const a = acc[i] as Float64Array;
      if (a[0] === 0) continue;
      const c = Math.floor(i / K);
      const k = i % K;
      ins.rollup.run(period, c + 1, bucket, k, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
      if (into) {
        const t = into[i] as Float64Array;
        for (let j = 0; j < 9; j++) t[j] = (t[j] ?? 0) + (a[j] ?? 0);
      }
      a.fill(0);
    }
  };
  const t0 = performance.now();
  const batch = db.transaction((from: number, to: number) => {
    for (let s = from; s < to; s++) {
      const at = start + s * step;
      const sid = `sw-${at}`;
      const h = Math.floor(at / 3_600_000) * 3_600_000;
      const d = Math.floor(at / 86_400_000) * 86_400_000;
      if (h !== curHour) {
        if (curHour >= 0) flush(0, hour, curHour, dayAcc);
        curHour = h;
      }
      if (d !== curDay) {
        if (curDay >= 0) flush(1, dayAcc, curDay);
        curDay = d;
      }
      ins.sweep.run(sid, at, at + 30_000, 1);
      const sees = new Uint8Array(n);
      for (let c = 0; c < n; c++) {
        runId += 1;
        let np = 0;
        let nw = 0;
        let nf = 0;
        const statuses: number[] = [];
        for (let k = 0; k < checks.length; k++) {
          const idx = c * checks.length + k;
          if (bad[idx] === 0 && r() < 0.0015) bad[idx] = 1 + Math.floor(r() * 12);
          let st = 1;
          if ((bad[idx] ?? 0) > 0) {
            st = k % 3 === 0 ? 2 : 4;
            bad[idx] = (bad[idx] ?? 1) - 1;
          }
          statuses.push(st);
          if (st === 1) np++;
          else if (st === 2) nw++;
          else nf++;
        }
        const worst = nf ? 4 : nw ? 2 : 1;
        const rtt = 0.3 + r() * 0.4 + (statuses[5] !== 1 ? 8 : 0);
        ins.run.run(
          runId,
          sid,
          c + 1,
          at,
          worst,
          900 + Math.floor(r() * 400),
          np,
          nw,
          nf,
          0,
          '111111',
          rtt,
          statuses[6] !== 1 ? 5 : 0,
          '1.16.3',
          c + 1,
          null,
          null,
        );
        const tot = hour[c * K] as Float64Array;
        tot[0] = (tot[0] ?? 0) + 1;
        tot[1] = (tot[1] ?? 0) + np;
        tot[2] = (tot[2] ?? 0) + nw;
        tot[3] = (tot[3] ?? 0) + nf;
        tot[4] = (tot[4] ?? 0) + (worst === 4 ? 1 : 0);
        tot[5] = (tot[5] ?? 0) + rtt;
        tot[6] = (tot[6] ?? 0) + 1;
        tot[7] = (tot[7] ?? 0) + (statuses[6] !== 1 ? 5 : 0);
        tot[8] = (tot[8] ?? 0) + 1;
        for (let k = 0; k < checks.length; k++) {
          const st = statuses[k] ?? 1;
          const acc = hour[c * K + k + 1] as Float64Array;
          acc[0] = (acc[0] ?? 0) + 1;
          const col = st === 1 ? 1 : st === 2 ? 2 : 3;
          acc[col] = (acc[col] ?? 0) + 1;
          const subject = k === checks.length - 1 ? (c ^ 1) + 2 : 1;
          ins.result.run(
            runId,
            k,
            k + 1,
            subject,
            st,
            k * 3 + (st === 1 ? 1 : 2),
            st === 1 ? null : k * 3 + 3,
          );
          const idx = c * checks.length + k;
          if (prev[idx] !== st) ins.change.run(runId, c + 1, k + 1, subject, at, prev[idx] ?? 1, st);
          prev[idx] = st;
        }
        results += checks.length;
        const ready = statuses[checks.length - 1] === 1 ? 1 : 0;
        sees[c] = ready;
        ins.mesh.run(runId, (c ^ 1) + 2, ready * 3, ready, ready ? 0 : 3);
      }
      for (let p = 0; p + 1 < n; p += 2) {
        const ok = sees[p] && sees[p + 1];
        ins.pair.run(
          sid,
          p / 2,
          names[p],
          names[p + 1],
          at,
          ok ? 1 : 4,
          sees[p] ?? 0,
          sees[p + 1] ?? 0,
          ok ? 1000 : 1001,
        );
      }
    }
  });
  for (let s = 0; s < sweeps; s += 50) batch(s, Math.min(sweeps, s + 50));
  db.transaction(() => {
    flush(0, hour, curHour, dayAcc);
    flush(1, dayAcc, curDay);
  })();
  const ms = performance.now() - t0;
  db.exec(
    `update clusters set last_run_id = (select max(id) from cluster_runs r where r.cluster_id = clusters.id)`,
  );
  db.transaction(() => {
    for (const s of rebuildLatestSql) db.exec(s);
  })();
  db.close();
  const store = await openDb(o.out, { migrate: false });
  await store.write(rebuildRollupGroups);
  await store.close();
  return { runs: runId, results, ms };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const o = genArgs(process.argv.slice(2));
  const t = performance.now();
  const out = await generate(o);
  writeFileSync(`${o.out}.json`, JSON.stringify({ ...o, ...out, totalMs: performance.now() - t }));
  console.log(
    `wrote ${o.out}: ${out.runs} cluster runs, ${out.results} check results; inserts ${(out.ms / 1000).toFixed(1)} s ` +
      `(${((out.ms * 1000) / out.runs).toFixed(1)} µs per cluster run), total ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
