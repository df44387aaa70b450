import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { FleetcheckError } from '../errors.ts';
import { printableLine } from '../printable.ts';
import { type FleetFile, fleetFileSchema } from './fleet-file-schema.ts';

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path) || '(root)';
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field(s) ${issue.keys.join(', ')}`;
  return `${where}: ${issue.message}`;
}

const ISSUE_MAX = 200;
const ISSUES_SHOWN = 3;

function invalid(source: string, rawIssues: string[]): FleetcheckError {
  const issues = rawIssues.map((i) => printableLine(i, ISSUE_MAX));
  const more = issues.length > ISSUES_SHOWN ? ` (+${issues.length - ISSUES_SHOWN} more)` : '';
  return new FleetcheckError(
    'invalid-input',
    `${source}: invalid fleet file: ${issues.slice(0, ISSUES_SHOWN).join('; ')}${more}`,
    { source, issues },
  );
}

/**
 * Parses and validates fleet file YAML; problems become one `invalid-input` error, one line naming the first
 * `path: reason` issues (all of them in `context.issues`).
 * @example parseFleetFile('version: 1\nclusters: [{name: a, context: a}]').clusters[0]?.name // 'a'
 */
export function parseFleetFile(text: string, source = 'fleet file'): FleetFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    const msg = err instanceof YAMLParseError ? err.message.split('\n')[0] : String(err);
    throw invalid(source, [`(yaml): ${msg}`]);
  }
  const parsed = fleetFileSchema.safeParse(raw);
  if (!parsed.success) throw invalid(source, parsed.error.issues.map(describeIssue));
  return parsed.data;
}

/** Reads and validates a fleet file. */
export async function loadFleetFile(file: string): Promise<FleetFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw invalid(file, [`(file): ${(err as Error).message}`]);
  }
  return parseFleetFile(text, file);
}
