import type { V1Job } from '@kubernetes/client-node';
import type { JobSpec } from './cluster-api.ts';

/**
 * A batch/v1 Job for the business probe: no retries, no service-account token, unprivileged,
 * read-only, with a deadline and a TTL so the cluster cleans up even if we cannot.
 */
export function jobManifest(spec: JobSpec): V1Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: spec.name, namespace: spec.namespace, labels: spec.labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: spec.activeDeadlineSeconds,
      ttlSecondsAfterFinished: spec.ttlSecondsAfterFinished,
      template: {
        metadata: { labels: spec.labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65534,
            runAsGroup: 65534,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: spec.containers.map((c) => ({
            name: c.name,
            image: c.image,
            command: c.argv,
            resources: {
              requests: { cpu: '10m', memory: '16Mi' },
              limits: { cpu: '100m', memory: '32Mi' },
            },
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
          })),
        },
      },
    },
  };
}
