import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { type CheckSettings, defaultCheckSettings } from '../core/checks/check.ts';
import { config } from '../core/config.ts';
import { FleetcheckError } from '../core/errors.ts';
import { loadFleet } from '../core/fleet/index.ts';
import type { ClusterTarget } from '../core/fleet/target.ts';
import { type Layer, layerSchema } from '../core/outcome.ts';

const positiveInt = (flag: string) =>
  z
    .string()
    .regex(/^\d+$/, `${flag} expects a positive whole number`)
    .transform(Number)
    .refine((n) => n > 0, `${flag} expects a positive whole number`);

const layersSchema = z.string().transform((s, ctx): Layer[] => {
  const names = s
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !layerSchema.safeParse(n).success);
  if (bad.length > 0 || names.length === 0) {
    const what = bad.length > 0 ? `unknown layer ${bad.map((b) => `"${b}"`).join(', ')}` : 'no layer given';
    ctx.addIssue({
      code: 'custom',
      message: `--layers: ${what} (expected ${layerSchema.options.join(', ')})`,
    });
    return z.NEVER;
  }
  return names as Layer[];
});

/** The flags shared by `fleetcheck sweep` and `fleetcheck check`, validated. */
const sweepFlagsSchema = z
  .object({
    kubeconfig: z.string().min(1).optional(),
    context: z.array(z.string().min(1)).default([]),
    fleet: z.string().min(1).optional(),
    simulate: z.string().min(1).optional(),
    output: z.enum(['table', 'json'], { error: '--output expects table or json' }).default('table'),
    full: z.boolean().default(false),
    concurrency: positiveInt('--concurrency').optional(),
    deadline: positiveInt('--deadline').optional(),
    layers: layersSchema.optional(),
    db: z.string().min(1).optional(),
    store: z.boolean().default(true),
    verbose: z.boolean().default(false),
    timings: z.boolean().default(false),
  })
  .refine((o) => !(o.simulate && (o.kubeconfig || o.fleet)), {
    message: '--simulate cannot be combined with --kubeconfig or --fleet',
  })
  .refine((o) => !(o.fleet && o.kubeconfig), { message: 'use either --fleet or --kubeconfig, not both' });
export type SweepFlags = z.output<typeof sweepFlagsSchema>;

/**
 * Validates the raw commander options; a bad flag value is an `invalid-input` error (exit 2).
 * @example parseSweepFlags({ output: 'json', concurrency: '8' }).concurrency // 8
 */
export function parseSweepFlags(raw: unknown): SweepFlags {
  const parsed = sweepFlagsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new FleetcheckError('invalid-input', issue?.message ?? 'invalid options');
}

/** Fleet-wide check settings from the flags. */
export function settingsFrom(flags: SweepFlags): CheckSettings {
  return { ...defaultCheckSettings, full: flags.full, ...(flags.layers ? { layers: flags.layers } : {}) };
}

export interface FleetSource {
  targets: ClusterTarget[];
  /** Set when the fleet is the simulator (in its own thread of this process). */
  simulated?: { scenario: string; clusters: number };
  close(): Promise<void>;
}

/**
 * The clusters to sweep: the simulator started in a thread of this process on `--simulate` (stopped by
 * `close()`), else the fleet file (`--fleet` or FLEETCHECK_FLEET) or the kubeconfig contexts.
 */
export async function openFleet(flags: SweepFlags, settings: CheckSettings): Promise<FleetSource> {
  const limits = { apiDeadlineMs: settings.apiDeadlineMs, execDeadlineMs: settings.execDeadlineMs };
  const contexts = flags.context.length > 0 ? { contexts: flags.context } : {};
  if (!flags.simulate) {
    const fleetFile = flags.fleet ?? (flags.kubeconfig ? undefined : config().FLEETCHECK_FLEET);
    const targets = await loadFleet({
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(fleetFile ? { fleetFile } : {}),
      ...contexts,
      limits,
    });
    return { targets, close: async () => {} };
  }
  // The simulator is loaded only for --simulate, and runs in a thread of its own: its fake API servers' half of
  // every handshake, answer and exec session would otherwise share the sweep's event loop.
  const { loadScenario } = await import('../sim/scenario/load.ts');
  const { kubeconfigYaml } = await import('../sim/kubeconfig.ts');
  const { startSimThread } = await import('../server/demo/sim-thread.ts');
  const scenario = await loadScenario(flags.simulate);
  const sim = await startSimThread(scenario, Date.now());
  const dir = await mkdtemp(join(tmpdir(), 'fleetcheck-sim-'));
  const close = async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    await writeFile(kubeconfig, kubeconfigYaml(sim.clusters, sim.caPem), { mode: 0o600 });
    const targets = await loadFleet({ kubeconfig, ...contexts, limits });
    return { targets, simulated: { scenario: flags.simulate, clusters: sim.clusters.length }, close };
  } catch (err) {
    await close();
    throw err;
  }
}
