import type { FaultInput, SimulatedCluster } from '../../sim/index.ts';
import type { Scenario } from '../../sim/scenario/schema.ts';

export interface SimThreadData {
  scenario: Scenario;
  /** Simulated time (ms since epoch) the simulator starts at. */
  clockAt: number;
}

export type SimThreadOp =
  | { op: 'setFaults'; cluster: string; faults: FaultInput[] }
  | { op: 'setClock'; at: number | null }
  | { op: 'stop' };

export type SimThreadCall = SimThreadOp & { id: number };

export type SimThreadMessage =
  | { ready: true; clusters: SimulatedCluster[]; caPem: string }
  | { id: number; error?: string };
