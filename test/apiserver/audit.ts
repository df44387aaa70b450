import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const eventSchema = z.object({
  stage: z.string(),
  verb: z.string(),
  requestURI: z.string(),
  user: z.object({ username: z.string() }),
  objectRef: z
    .object({
      resource: z.string().optional(),
      subresource: z.string().optional(),
      namespace: z.string().optional(),
      name: z.string().optional(),
    })
    .optional(),
  responseStatus: z.object({ code: z.number().optional() }).optional(),
});
export type AuditEvent = z.output<typeof eventSchema>;

/** The requests (every stage the policy records) of one user in a kube-apiserver audit log. */
export async function auditEvents(file: string, user: string): Promise<AuditEvent[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => eventSchema.parse(JSON.parse(line)))
    .filter((e) => e.user.username === user);
}
