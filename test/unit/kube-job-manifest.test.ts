import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { jobManifest } from '../../core/kube/job-manifest.ts';

const spec = {
  namespace: 'fleetcheck-probe',
  name: 'fleetcheck-probe-abc12',
  labels: { 'app.kubernetes.io/managed-by': 'fleetcheck' },
  containers: [
    { name: 'dns', image: 'busybox:1.36', argv: ['nslookup', 'kubernetes.default.svc.cluster.local'] },
  ],
  activeDeadlineSeconds: 60,
  ttlSecondsAfterFinished: 300,
};

describe('probe Job manifest', () => {
  it('meets the PodSecurity "restricted" profile the probe namespace enforces', async () => {
    const pod = jobManifest(spec).spec?.template.spec;
    expect(pod?.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    for (const c of pod?.containers ?? []) {
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
    }
    const docs = parseAllDocuments(await readFile('deploy/rbac.yaml', 'utf8')).map((d) => d.toJS());
    const ns = docs.find((d) => d?.kind === 'Namespace' && d.metadata?.name === spec.namespace);
    expect(ns?.metadata?.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('runs argv as the command (no shell), never retries, and cleans up after itself', () => {
    const job = jobManifest(spec);
    expect(job.spec?.template.spec?.containers[0]?.command).toEqual(spec.containers[0]?.argv);
    expect(job.spec?.template.spec?.containers[0]?.args).toBeUndefined();
    expect(job.spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 60,
      ttlSecondsAfterFinished: 300,
    });
    expect(job.spec?.template.spec).toMatchObject({
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
    });
  });
});
