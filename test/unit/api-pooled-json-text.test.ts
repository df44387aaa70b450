import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromJsonText, jsonTextOf } from '../../server/read-pool/json-text.ts';

const answer = {
  baseline: { sweepId: 's1', at: '2026-11-17T08:00:00.000Z' },
  current: null,
  regressions: [{ cluster: 'beta', check: 'node.health.reachability', from: 'pass', to: 'fail', hint: 'x' }],
  counts: { pass: 2, fail: 1 },
};
const text = JSON.stringify(answer);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('read-pool answers from their JSON text', () => {
  it('sends an object answer as its text without parsing it, also through a promise', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const value = await Promise.resolve(fromJsonText<typeof answer>(text));
    expect(jsonTextOf(value)).toBe(text);
    expect(parse).not.toHaveBeenCalled();
    expect(value.regressions[0]?.cluster).toBe('beta');
    expect(value.counts.fail).toBe(1);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('reads like the parsed value: keys, spread, `in`, equality, serialisation, writes', () => {
    const value = fromJsonText<typeof answer & { extra?: number }>(text);
    expect(value).toEqual(answer);
    expect(Object.keys(value)).toEqual(Object.keys(answer));
    expect({ ...value }).toEqual(answer);
    expect('current' in value && !('nope' in value)).toBe(true);
    expect(JSON.stringify(value)).toBe(text);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    value.extra = 3;
    expect(value.extra).toBe(3);
    expect(Object.keys(value)).toContain('extra');
  });

  it('parses arrays, null and scalars at once, and keeps an array answer text', () => {
    const list = fromJsonText<number[]>('[1,2,3]');
    expect(Array.isArray(list) && list.length === 3).toBe(true);
    expect(jsonTextOf(list)).toBe('[1,2,3]');
    expect(fromJsonText('null')).toBeNull();
    expect(fromJsonText('7')).toBe(7);
    expect(jsonTextOf({ a: 1 })).toBe('{"a":1}');
  });

  it('keeps a `then` the answer has', async () => {
    const value = fromJsonText<{ then: number }>('{"then":1}');
    expect(value.then).toBe(1);
    expect(await Promise.resolve(value)).toEqual(JSON.parse('{"then":1}'));
  });
});
