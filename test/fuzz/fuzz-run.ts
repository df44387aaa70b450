import fc from 'fast-check';
import { expect } from 'vitest';
import type { ParseResult } from '../../core/cilium/parse-result.ts';

/** The fixed seed of every fuzzer (FUZZ_SEED overrides it to explore; a failure prints the seed and path). */
const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20261127);
/** Inputs per property (FUZZ_RUNS overrides it). */
const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);

/** Runs a synchronous property over `runs` generated inputs with the fixed seed. */
export function fuzz<T>(arb: fc.Arbitrary<T>, check: (input: T) => void, runs = FUZZ_RUNS): void {
  fc.assert(fc.property(arb, check), { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true });
}

/** Runs an asynchronous property over `runs` generated inputs with the fixed seed. */
export async function fuzzAsync<T>(
  arb: fc.Arbitrary<T>,
  check: (input: T) => Promise<void>,
  runs = FUZZ_RUNS,
): Promise<void> {
  await fc.assert(fc.asyncProperty(arb, check), { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters must not reach a message
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** A short, single-line, printable message (what an error outcome or a CLI line may carry). */
export function expectOneLine(message: string, max = 400): void {
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThanOrEqual(max);
  expect(message).not.toMatch(/\n/);
  expect(message).not.toMatch(CONTROL);
}

/** A parse either succeeded or says why in one line, with a bounded printable snippet of the raw output. */
export function expectDefinedParse<T>(r: ParseResult<T>): r is { ok: true; value: T } {
  if (r.ok) return true;
  expect(r.ok).toBe(false);
  expectOneLine(r.error);
  expect(r.snippet.length).toBeLessThanOrEqual(120);
  expect(r.snippet).not.toMatch(CONTROL);
  return false;
}
