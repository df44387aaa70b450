import { describe, expect, it } from 'vitest';
import { withoutGoNils } from '../../core/cilium/go-json-values.ts';

describe('withoutGoNils', () => {
  it('drops null members and null elements at every depth', () => {
    const input = JSON.parse('{"a":1,"b":null,"c":{"d":null,"e":[null,{"f":null,"g":[1,null,2]}]}}');
    expect(withoutGoNils(input)).toStrictEqual({ a: 1, c: { e: [{ g: [1, 2] }] } });
  });

  it('leaves the parsed input as it was and shares subtrees that had no null', () => {
    const input = JSON.parse('{"keep":{"x":[1,2]},"drop":null,"list":[{"y":null}]}');
    const before = structuredClone(input);
    const out = withoutGoNils(input) as Record<string, unknown>;
    expect(input).toStrictEqual(before);
    expect(out['keep']).toBe(input.keep);
    expect(out).toStrictEqual({ keep: { x: [1, 2] }, list: [{}] });
  });

  it('keeps scalars, empty containers and member order', () => {
    expect(withoutGoNils(null)).toBeNull();
    expect(withoutGoNils('s')).toBe('s');
    expect(withoutGoNils([])).toStrictEqual([]);
    expect(Object.keys(withoutGoNils({ z: 1, n: null, a: 2 }) as object)).toStrictEqual(['z', 'a']);
  });
});
