import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { DEPLOY_RBAC_YAML } from '../deploy-files.ts';

const ruleSchema = z.object({
  apiGroups: z.array(z.string()).default([]),
  resources: z.array(z.string()).default([]),
  resourceNames: z.array(z.string()).default([]),
  nonResourceURLs: z.array(z.string()).default([]),
  verbs: z.array(z.string()),
});
export type PolicyRule = z.output<typeof ruleSchema>;

const subjectSchema = z.object({
  kind: z.enum(['User', 'Group', 'ServiceAccount']),
  name: z.string(),
  namespace: z.string().optional(),
});
type Subject = z.output<typeof subjectSchema>;

const roleSchema = z.object({
  kind: z.enum(['Role', 'ClusterRole']),
  metadata: z.object({ name: z.string(), namespace: z.string().optional() }),
  rules: z.array(ruleSchema).default([]),
});

const bindingSchema = z.object({
  kind: z.enum(['RoleBinding', 'ClusterRoleBinding']),
  metadata: z.object({ name: z.string(), namespace: z.string().optional() }),
  roleRef: z.object({ kind: z.enum(['Role', 'ClusterRole']), name: z.string() }),
  subjects: z.array(subjectSchema).default([]),
});

interface Binding {
  /** undefined = ClusterRoleBinding (applies in every namespace and at cluster scope). */
  namespace?: string;
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
  subjects: Subject[];
}

/** The RBAC objects of a manifest: Roles, ClusterRoles and their bindings (other kinds ignored). */
export interface RbacPolicy {
  clusterRoles: Map<string, PolicyRule[]>;
  /** Keyed `<namespace>/<name>`. */
  roles: Map<string, PolicyRule[]>;
  bindings: Binding[];
}

/** Parses a multi-document RBAC manifest such as deploy/rbac.yaml. */
export function parseRbacPolicy(text: string): RbacPolicy {
  const policy: RbacPolicy = { clusterRoles: new Map(), roles: new Map(), bindings: [] };
  for (const doc of parseAllDocuments(text)) {
    const obj: unknown = doc.toJS();
    const kind = (obj as { kind?: unknown } | null)?.kind;
    if (kind === 'Role' || kind === 'ClusterRole') {
      const r = roleSchema.parse(obj);
      if (r.kind === 'ClusterRole') policy.clusterRoles.set(r.metadata.name, r.rules);
      else policy.roles.set(`${r.metadata.namespace ?? 'default'}/${r.metadata.name}`, r.rules);
    } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const b = bindingSchema.parse(obj);
      policy.bindings.push({
        namespace: b.kind === 'RoleBinding' ? (b.metadata.namespace ?? 'default') : undefined,
        roleRef: b.roleRef,
        subjects: b.subjects,
      });
    }
  }
  return policy;
}

let deployPolicy: RbacPolicy | undefined;

/** The policy of the repository's deploy/rbac.yaml (read once). */
export function deployRbacPolicy(): RbacPolicy {
  deployPolicy ??= parseRbacPolicy(readFileSync(DEPLOY_RBAC_YAML, 'utf8'));
  return deployPolicy;
}

/** True when a binding's subject names this user or one of its groups. */
export function subjectMatches(s: Subject, user: string, groups: readonly string[]): boolean {
  if (s.kind === 'User') return s.name === user;
  if (s.kind === 'Group') return groups.includes(s.name);
  return user === `system:serviceaccount:${s.namespace ?? ''}:${s.name}`;
}
