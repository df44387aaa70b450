import type { Layer, Outcome } from '../outcome.ts';
import type { ClusterFacts } from './facts.ts';

/** One check: id `layer.area.name` (= its file name), what it verifies, and how. */
export interface CheckDefinition {
  id: string;
  layer: Layer;
  /** One line: what the check verifies and why it matters. */
  doc: string;
  /** Outcomes, one per subject; must not throw for unhealthy or unreachable clusters. */
  run(facts: ClusterFacts): Promise<Outcome[]>;
}
