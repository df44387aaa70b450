import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKubeLimits } from '../../core/kube/limits.ts';
import type { Outcome } from '../../core/outcome.ts';
import { type AuditEvent, auditEvents } from './audit.ts';
import { controlPlaneBinaries, KUBE_VERSIONS } from './binaries.ts';
import { type ControlPlane, startControlPlane } from './control-plane.ts';
import { differentialChecks } from './differential-checks.ts';
import { fleetcheckCheck, writeKubeconfig } from './fleetcheck-run.ts';
import { jobControllerChecks } from './job-controller-checks.ts';
import { kubeRequest } from './kube-http.ts';
import { freePort, waitFor } from './processes.ts';
import { rbacChecks } from './rbac-checks.ts';
import { CILIUM_CRDS, NODES, seedCluster } from './seed-cluster.ts';
import { SERVICE_ACCOUNT_USER, serviceAccountToken } from './service-account.ts';
import { tlsResumptionChecks } from './tls-resumption.ts';

const EXTRA_USERS = ['exec-get-only', 'exec-create-only'];
/** More CiliumEndpoints than one page of fleetcheck's lists holds. */
const ENDPOINTS = defaultKubeLimits.listPageSize + 3;

describe.each(KUBE_VERSIONS)('real kube-apiserver %s', (version) => {
  const bins = controlPlaneBinaries(version);
  const ctx = {
    cp: undefined as unknown as ControlPlane,
    dir: '',
    results: [] as Outcome[],
    code: -1,
    /** The audit events of fleetcheck's run (later tests make requests of their own as the same user). */
    events: [] as AuditEvent[],
  };

  beforeAll(async () => {
    if (!bins) return;
    ctx.cp = await startControlPlane(version, bins, EXTRA_USERS);
    ctx.dir = await mkdtemp(join(tmpdir(), 'fleetcheck-real-'));
    await seedCluster(ctx.cp, await freePort(), ENDPOINTS);
    const run = await fleetcheckCheck(
      await writeKubeconfig(ctx.cp, await serviceAccountToken(ctx.cp), ctx.dir),
      ctx.dir,
    );
    ctx.results = run.results;
    ctx.code = run.code;
    ctx.events = await auditEvents(ctx.cp.auditLog, SERVICE_ACCOUNT_USER);
  }, 600_000);
  afterAll(async () => {
    await ctx.cp?.stop();
    if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
  });

  const of = (check: string) => ctx.results.filter((r) => r.check === check);

  describe.skipIf(!bins)('fleetcheck check as the ServiceAccount deploy/rbac.yaml binds', () => {
    it('reads every object it needs: no result is access-denied', () => {
      expect(ctx.code).toBe(2);
      const denied = ctx.results.filter(
        (r) => r.evidence?.['code'] === 'access-denied' || /forbidden/i.test(r.message),
      );
      expect(denied).toEqual([]);
      expect(of('component.agent.rollout').map((r) => r.status)).toEqual(['pass']);
      expect(of('component.operator.ready').map((r) => r.status)).toEqual(['pass']);
      expect(of('config.kernel.version').length).toBeGreaterThan(0);
      expect(of('config.kernel.version').every((r) => r.status === 'pass')).toBe(true);
      expect(of('node.endpoints.state').map((r) => r.status)).toEqual(['pass']);
    });

    it('execs into the agents past authorisation: the kubelet stage fails, not RBAC', async () => {
      const agent = of('component.agent.status');
      expect(agent.length).toBe(2);
      for (const r of agent) {
        expect(r.status).toBe('error');
        expect(r.message).not.toMatch(/forbidden|403/);
      }
      const execs = ctx.events.filter((e) => e.objectRef?.subresource === 'exec');
      expect(execs.length).toBeGreaterThan(0);
      for (const e of execs) {
        expect(e.verb).toBe('get');
        expect(e.responseStatus?.code).not.toBe(403);
      }
    });

    it('lists page by page: every list of nodes, CiliumEndpoints and pods sends limit, and continue is followed to the end', async () => {
      const lists = ctx.events.filter(
        (e) =>
          e.verb === 'list' && ['nodes', 'ciliumendpoints', 'pods'].includes(e.objectRef?.resource ?? ''),
      );
      const query = (e: (typeof lists)[number]) => new URL(e.requestURI, 'https://x').searchParams;
      expect(new Set(lists.map((e) => e.objectRef?.resource))).toEqual(
        new Set(['nodes', 'ciliumendpoints', 'pods']),
      );
      for (const e of lists)
        expect(query(e).get('limit'), e.requestURI).toBe(String(defaultKubeLimits.listPageSize));
      const continued = lists.filter(
        (e) => e.objectRef?.resource === 'ciliumendpoints' && query(e).get('continue'),
      );
      expect(continued.length).toBeGreaterThan(0);
      expect(of('node.endpoints.state')[0]?.metrics?.['total']).toBe(ENDPOINTS);
    });

    it('every request it made was authorised, all as the ServiceAccount', async () => {
      const events = ctx.events;
      expect(events.length).toBeGreaterThan(10);
      expect(
        events.filter((e) => e.responseStatus?.code === 403).map((e) => `${e.verb} ${e.requestURI}`),
      ).toEqual([]);
    });

    it("Cilium's CiliumEndpoint and CiliumNode CRDs are served; CiliumNodes are outside the grants", async () => {
      const crds = await kubeRequest(
        ctx.cp,
        ctx.cp.adminToken,
        'GET',
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      );
      const established = (
        crds.json as {
          items: {
            metadata: { name: string };
            status?: { conditions?: { type: string; status: string }[] };
          }[];
        }
      ).items
        .filter((c) => c.status?.conditions?.some((k) => k.type === 'Established' && k.status === 'True'))
        .map((c) => c.metadata.name);
      expect(established).toEqual(expect.arrayContaining(CILIUM_CRDS.map((p) => `${p}.cilium.io`)));
      const nodes = await kubeRequest(ctx.cp, ctx.cp.adminToken, 'GET', '/apis/cilium.io/v2/ciliumnodes');
      expect(
        (nodes.json as { items: { metadata: { name: string } }[] }).items.map((n) => n.metadata.name),
      ).toEqual(NODES);
      const asFleetcheck = await kubeRequest(
        ctx.cp,
        await serviceAccountToken(ctx.cp),
        'GET',
        '/apis/cilium.io/v2/ciliumnodes',
      );
      expect(asFleetcheck.status).toBe(403);
      expect(ctx.events.filter((e) => e.objectRef?.resource === 'ciliumnodes')).toEqual([]);
    });

    it('the probe Job passes PodSecurity restricted; its unschedulable pod is an error with a hint; both are garbage-collected', async () => {
      const dns = of('business.dns.resolve');
      expect(dns.length).toBeGreaterThan(0);
      for (const r of dns) {
        expect(r.status).toBe('error');
        expect(r.message).toMatch(/Unschedulable/);
        expect(r.hint).toMatch(/cannot be scheduled/);
      }
      const events = await kubeRequest(
        ctx.cp,
        ctx.cp.adminToken,
        'GET',
        '/api/v1/namespaces/fleetcheck-probe/events',
      );
      const items = (events.json as { items: { reason: string; message: string }[] }).items;
      expect(items.some((e) => e.reason === 'SuccessfulCreate')).toBe(true);
      expect(items.filter((e) => e.reason === 'FailedCreate' || /PodSecurity/.test(e.message))).toEqual([]);
      const count = async (path: string) =>
        ((await kubeRequest(ctx.cp, ctx.cp.adminToken, 'GET', path)).json as { items: unknown[] }).items
          .length;
      await waitFor(
        'probe Job and its pod gone',
        async () =>
          (await count('/apis/batch/v1/namespaces/fleetcheck-probe/jobs')) === 0 &&
          (await count('/api/v1/namespaces/fleetcheck-probe/pods')) === 0,
        60_000,
      );
    });
  });

  describe.skipIf(!bins)("the real Job controller and fleetcheck's probe Job", () =>
    jobControllerChecks(() => ctx.cp),
  );
  describe.skipIf(!bins)('RBAC least privilege', () => rbacChecks(version, () => ctx.cp));
  describe.skipIf(!bins)('the simulator answers like it', () => differentialChecks(version, () => ctx.cp));
  describe.skipIf(!bins)("fleetcheck's TLS session resumption", () => tlsResumptionChecks(() => ctx.cp));
});
