import { startFleet } from './fleet.ts';
import type { Scenario } from './scenario/schema.ts';
import type { Simulator, SimulatorOptions } from './types.ts';

export { loadScenario, parseScenario, ScenarioError } from './scenario/load.ts';
export type { Fault, Scenario } from './scenario/schema.ts';
export type { ClusterStats, FaultInput, SimulatedCluster, Simulator, SimulatorOptions } from './types.ts';

/**
 * Starts one fake kube-apiserver per scenario cluster on 127.0.0.1.
 * @example const sim = await startSimulator(parseScenario(yaml)); try { ... } finally { await sim.stop(); }
 */
export function startSimulator(scenario: Scenario, opts: SimulatorOptions = {}): Promise<Simulator> {
  return startFleet(scenario, opts);
}
