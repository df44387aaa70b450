import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

/** The scenario format as JSON Schema (draft 2020-12), for editors (`# yaml-language-server: $schema=...`). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'fleetcheck simulator scenario (version 1)',
  };
}
