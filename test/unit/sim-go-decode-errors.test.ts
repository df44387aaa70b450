import { describe, expect, it } from 'vitest';
import { goJsonSyntaxError, goRawUrlBase64 } from '../../sim/server/go-decode-errors.ts';

describe("Go's decode error texts", () => {
  it.each([
    ['not-a-token', "invalid character 'o' in literal null (expecting 'u')"],
    ['', 'unexpected end of JSON input'],
    ['{"v":', 'unexpected end of JSON input'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', "invalid character '\"' after object key:value pair"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
  ])('json %j: %s', (text, message) => {
    expect(goJsonSyntaxError(text)).toBe(message);
  });

  it('accepts valid JSON', () => {
    expect(goJsonSyntaxError('{"v":"meta.k8s.io/v1","rv":12,"start":"a\\u0000"}')).toBeUndefined();
    expect(goJsonSyntaxError(' [1.5e3, true, null, "x"] ')).toBeUndefined();
  });

  it('base64url without padding: the byte Go names', () => {
    expect(goRawUrlBase64('ab==')).toEqual({ error: 'illegal base64 data at input byte 2' });
    expect(goRawUrlBase64('abcde')).toEqual({ error: 'illegal base64 data at input byte 4' });
    expect(goRawUrlBase64('a+b')).toEqual({ error: 'illegal base64 data at input byte 1' });
    expect(goRawUrlBase64('bm90')).toEqual(Buffer.from('not'));
  });
});
