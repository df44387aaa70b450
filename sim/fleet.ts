import type { Simulator, SimulatorOptions } from './index.ts';
import type { Scenario } from './scenario/schema.ts';

/** Starts every cluster of the scenario (implementation in progress). */
export async function startFleet(_scenario: Scenario, _opts: SimulatorOptions): Promise<Simulator> {
  throw new Error('simulator not implemented yet');
}
