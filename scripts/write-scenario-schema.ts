import { writeFile } from 'node:fs/promises';
import { scenarioJsonSchema } from '../sim/scenario/json-schema.ts';

const out = new URL('../sim/scenario/scenario.schema.json', import.meta.url);
await writeFile(out, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
