import { z } from 'zod';

const text = z.string().nullish();

/**
 * The parts of a kubeconfig file (`kind: Config`, k8s.io/client-go `tools/clientcmd/api/v1/types.go`, v0.35.4)
 * that fleetcheck reads. Entries keep their on-disk (kebab-case) names.
 */
export const kubeconfigSchema = z.object({
  'current-context': text,
  clusters: z
    .array(
      z.object({
        name: z.string().min(1),
        cluster: z.object({
          server: z.string().min(1),
          'certificate-authority-data': text,
          'certificate-authority': text,
          'insecure-skip-tls-verify': z.unknown().optional(),
          'tls-server-name': text,
          'proxy-url': text,
        }),
      }),
    )
    .nullish(),
  users: z
    .array(
      z.object({
        name: z.string().min(1),
        user: z
          .object({
            token: text,
            'token-file': text,
            'client-certificate-data': text,
            'client-certificate': text,
            'client-key-data': text,
            'client-key': text,
            username: text,
            password: text,
            as: text,
            exec: z.unknown().optional(),
            'auth-provider': z.unknown().optional(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  contexts: z
    .array(
      z.object({
        name: z.string().min(1),
        context: z.object({ cluster: z.string().min(1), user: text, namespace: text }),
      }),
    )
    .nullish(),
});

export type KubeconfigFile = z.infer<typeof kubeconfigSchema>;
export type KubeconfigCluster = NonNullable<KubeconfigFile['clusters']>[number];
export type KubeconfigUser = NonNullable<KubeconfigFile['users']>[number];
export type KubeconfigContext = NonNullable<KubeconfigFile['contexts']>[number];
