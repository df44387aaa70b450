import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped scenarios: `scenarios/` beside this module (the build copies it beside the bundle). */
const SCENARIOS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');

/** The demo fleet `npm start` simulates. */
export const DEMO_SCENARIO = join(SCENARIOS_DIR, 'demo.yaml');
