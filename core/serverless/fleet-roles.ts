import { parse } from 'yaml';
import { z } from 'zod';
import { FleetcheckError } from '../errors.ts';

const roleArn = z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, 'expected an IAM role ARN');

/** Only the parts of a fleet file (docs/fleet-file.md) that decide the hub's IAM; the rest passes through. */
const fleetRolesSchema = z.looseObject({
  clusters: z
    .array(
      z.looseObject({ eks: z.looseObject({ region: z.string(), roleArn: roleArn.optional() }).optional() }),
    )
    .optional(),
  eks: z
    .looseObject({
      discover: z
        .array(z.looseObject({ regions: z.array(z.string()), roleArn: roleArn.optional() }))
        .optional(),
    })
    .optional(),
});

export interface FleetAccess {
  /** Spoke roles the hub assumes (sts:AssumeRole is granted on exactly these). */
  roleArns: string[];
  /** Regions with EKS clusters or discovery, for the docs and outputs. */
  regions: string[];
}

/**
 * Reads which roles and regions a fleet file needs, for the deploy-time IAM policy.
 * @example fleetAccess('clusters: [{ name: a, eks: { region: eu-west-1, name: a, roleArn: arn:aws:iam::123456789012:role/r } }]').roleArns
 */
export function fleetAccess(yamlText: string, source = 'fleet file'): FleetAccess {
  const parsed = fleetRolesSchema.safeParse(parse(yamlText));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FleetcheckError('invalid-input', `${source}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const roles = new Set<string>();
  const regions = new Set<string>();
  for (const c of parsed.data.clusters ?? []) {
    if (c.eks?.roleArn) roles.add(c.eks.roleArn);
    if (c.eks) regions.add(c.eks.region);
  }
  for (const d of parsed.data.eks?.discover ?? []) {
    if (d.roleArn) roles.add(d.roleArn);
    for (const r of d.regions) regions.add(r);
  }
  return { roleArns: [...roles].sort(), regions: [...regions].sort() };
}
