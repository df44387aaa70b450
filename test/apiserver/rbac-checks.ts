import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { errorOutcome } from '../../core/checks/error-outcome.ts';
import { isFleetcheckError } from '../../core/errors.ts';
import { runFile } from '../fixtures/run-file.ts';
import type { ControlPlane } from './control-plane.ts';
import { clusterApiAs, writeKubeconfig } from './fleetcheck-run.ts';
import { create } from './objects.ts';
import { serviceAccountToken } from './service-account.ts';

const KUBECTL = '/usr/bin/kubectl';
const CAN_I_NAMESPACES = ['default', 'kube-system', 'fleetcheck-probe'];

/** The section headings of deploy/README.md that record `kubectl auth can-i --list` outputs, by identity. */
const CAN_I_SECTIONS = {
  serviceAccount: 'The ServiceAccount',
  group: 'A member of the group',
} as const;

/** The `kubectl … auth can-i --list -n <ns>` outputs recorded under a `### <heading>` of deploy/README.md, by namespace. */
async function recordedCanI(heading: string): Promise<Record<string, string>> {
  const text = await readFile('deploy/README.md', 'utf8');
  const start = text.indexOf(`\n### ${heading}\n`);
  if (start < 0) throw new Error(`deploy/README.md has no section "### ${heading}"`);
  const section = text.slice(start).split(/\n#{2,3} /)[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of section.matchAll(/^\$ kubectl .*auth can-i --list -n (\S+)\n([\s\S]*?)(?=^\$ |^```)/gm)) {
    if (m[1]) out[m[1]] = (m[2] ?? '').trimEnd();
  }
  return out;
}

async function bindExec(cp: ControlPlane, user: string, verbs: string[]): Promise<void> {
  const meta = { name: user, namespace: 'kube-system' };
  await create(cp, cp.adminToken, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta,
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
      { apiGroups: [''], resources: ['pods/exec'], verbs },
    ],
  });
  await create(cp, cp.adminToken, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: user },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: user }],
  });
}

/** Exec into the first agent as `user`: the FleetcheckError it ends with (it always fails: no kubelet). */
async function execAs(cp: ControlPlane, token: string): Promise<unknown> {
  const c = clusterApiAs(cp, token);
  const pod = (await c.listPods('kube-system', 'k8s-app=cilium'))[0]?.name ?? '';
  return c
    .exec('kube-system', pod, 'cilium-agent', ['cilium-dbg', 'status', '-o', 'json'], { deadlineMs: 15_000 })
    .catch((e: unknown) => e);
}

/** Tests of deploy/rbac.yaml's grants against a real apiserver (registered inside a describe). */
export function rbacChecks(version: string, cp: () => ControlPlane): void {
  const minor = Number(version.split('.')[1]);

  it.each([
    [CAN_I_SECTIONS.serviceAccount, () => serviceAccountToken(cp())],
    [CAN_I_SECTIONS.group, async () => cp().fleetcheckToken],
  ])('kubectl auth can-i --list for "%s" is what deploy/README.md records', async (heading, token) => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetcheck-cani-'));
    try {
      const kubeconfig = await writeKubeconfig(cp(), await token(), dir);
      const recorded = await recordedCanI(heading);
      expect(Object.keys(recorded)).toEqual(CAN_I_NAMESPACES);
      for (const ns of CAN_I_NAMESPACES) {
        const r = await runFile(KUBECTL, ['--kubeconfig', kubeconfig, 'auth', 'can-i', '--list', '-n', ns], {
          PATH: process.env.PATH,
          HOME: dir,
          KUBECACHEDIR: join(dir, 'cache'),
        });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.trimEnd(), `kubectl auth can-i --list -n ${ns}`).toBe(recorded[ns]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it(`a WebSocket exec needs ${minor >= 35 ? 'get and create' : 'get'} on pods/exec; the 403 names those verbs`, async () => {
    await bindExec(cp(), 'exec-get-only', ['get']);
    await bindExec(cp(), 'exec-create-only', ['create']);
    const getOnly = await execAs(cp(), cp().userTokens['exec-get-only'] ?? '');
    const createOnly = await execAs(cp(), cp().userTokens['exec-create-only'] ?? '');
    const verbs = minor >= 35 ? 'get and create' : 'get';
    expect(isFleetcheckError(createOnly, 'access-denied')).toBe(true);
    expect((createOnly as Error).message).toBe(
      `forbidden: cannot ${verbs} pods/exec in namespace kube-system (Kubernetes 1.${minor} authorises a WebSocket exec as ${verbs} on pods/exec; RBAC: see deploy/rbac.yaml)`,
    );
    expect(errorOutcome('component.agent.status', 'node-1', createOnly).hint).toMatch(
      new RegExp(`lacks permission to ${verbs} pods/exec in namespace kube-system`),
    );
    if (minor >= 35) expect(isFleetcheckError(getOnly, 'access-denied')).toBe(true);
    else expect(isFleetcheckError(getOnly) && getOnly.code).not.toBe('access-denied');
  });

  it('a read outside the rules is access-denied naming verb and resource', async () => {
    const c = clusterApiAs(cp(), cp().fleetcheckToken);
    const err = await c.getDaemonSet('kube-system', 'kube-proxy').catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'access-denied')).toBe(true);
    expect((err as Error).message).toBe(
      'forbidden: cannot get daemonsets in namespace kube-system (RBAC: see deploy/rbac.yaml)',
    );
    expect(errorOutcome('component.agent.rollout', 'cluster', err).hint).toMatch(
      /lacks permission to get daemonsets in namespace kube-system/,
    );
    await expect(c.listPods('default')).rejects.toThrow('forbidden: cannot list pods in namespace default');
  });
}
