/**
 * The error texts of Go's `encoding/base64` (RawURLEncoding) and `encoding/json` (syntax check and
 * top-level type mismatches) at go1.24 (`src/encoding/base64/base64.go` decodeQuantum,
 * `src/encoding/json/scanner.go`, `decode.go` UnmarshalTypeError), which kube-apiserver puts
 * verbatim into a Status message (e.g. a bad `continue` token).
 */

const B64URL = /^[A-Za-z0-9_-]$/;

/** Decodes unpadded base64url; an error as Go words it (`illegal base64 data at input byte N`). */
export function goRawUrlBase64(text: string): Buffer | { error: string } {
  let inQuantum = 0;
  let clean = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n' || c === '\r') continue;
    if (!B64URL.test(c)) return { error: `illegal base64 data at input byte ${i}` };
    clean += c;
    inQuantum = (inQuantum + 1) % 4;
  }
  if (inQuantum === 1) return { error: `illegal base64 data at input byte ${text.length - 1}` };
  return Buffer.from(clean, 'base64url');
}

/** Go's scanner quoteChar. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c).slice(1, -1);
  return `'${/^[\x20-\x7e]$/.test(c) || c.charCodeAt(0) > 0x9f ? c : q}'`;
}

class Syntax extends Error {}

const invalid = (c: string, context: string) => new Syntax(`invalid character ${quoteChar(c)} ${context}`);

/** A recursive check of JSON text; throws Syntax with Go's first error. */
class Scanner {
  i = 0;
  constructor(private readonly s: string) {}

  private peek(): string | undefined {
    return this.s[this.i];
  }

  private end(): never {
    throw new Syntax('unexpected end of JSON input');
  }

  private space(): void {
    while (/^[ \t\r\n]$/.test(this.peek() ?? '')) this.i++;
  }

  value(context = 'looking for beginning of value'): void {
    this.space();
    const c = this.peek();
    if (c === undefined) this.end();
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || /^[0-9]$/.test(c)) this.number();
    else {
      const lit = ['true', 'false', 'null'].find((l) => l[0] === c);
      if (!lit) throw invalid(c, context);
      this.literal(lit);
    }
  }

  private literal(lit: string): void {
    for (let k = 0; k < lit.length; k++) {
      const c = this.peek();
      if (c === undefined) this.end();
      if (c !== lit[k]) throw invalid(c, `in literal ${lit} (expecting ${quoteChar(lit[k] as string)})`);
      this.i++;
    }
  }

  private digits(): void {
    while (/^[0-9]$/.test(this.peek() ?? '')) this.i++;
  }

  private digitNeeded(context: string): void {
    const c = this.peek();
    if (c === undefined) this.end();
    if (!/^[0-9]$/.test(c)) throw invalid(c, context);
  }

  private number(): void {
    if (this.peek() === '-') {
      this.i++;
      this.digitNeeded('in numeric literal');
    }
    if (this.peek() === '0') this.i++;
    else this.digits();
    if (this.peek() === '.') {
      this.i++;
      this.digitNeeded('after decimal point in numeric literal');
      this.digits();
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.i++;
      if (this.peek() === '+' || this.peek() === '-') this.i++;
      this.digitNeeded('in exponent of numeric literal');
      this.digits();
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.end();
      this.i++;
      if (c === '"') return;
      if (c < ' ') throw invalid(c, 'in string literal');
      if (c !== '\\') continue;
      const e = this.peek();
      if (e === undefined) this.end();
      this.i++;
      if (e === 'u') {
        for (let k = 0; k < 4; k++) {
          const h = this.peek();
          if (h === undefined) this.end();
          if (!/^[0-9a-fA-F]$/.test(h)) throw invalid(h, 'in \\u hexadecimal character escape');
          this.i++;
        }
      } else if (!'"\\/bfnrt'.includes(e)) throw invalid(e, 'in string escape code');
    }
  }

  private after(context: string, close: string, more: () => void): void {
    for (;;) {
      this.space();
      const c = this.peek();
      if (c === undefined) this.end();
      this.i++;
      if (c === close) return;
      if (c !== ',') throw invalid(c, context);
      more();
    }
  }

  private objectMember(): void {
    this.space();
    const c = this.peek();
    if (c === undefined) this.end();
    if (c !== '"') throw invalid(c, 'looking for beginning of object key string');
    this.string();
    this.space();
    const colon = this.peek();
    if (colon === undefined) this.end();
    if (colon !== ':') throw invalid(colon, 'after object key');
    this.i++;
    this.value();
  }

  private object(): void {
    this.i++;
    this.space();
    if (this.peek() === '}') {
      this.i++;
      return;
    }
    this.objectMember();
    this.after('after object key:value pair', '}', () => this.objectMember());
  }

  private array(): void {
    this.i++;
    this.space();
    if (this.peek() === ']') {
      this.i++;
      return;
    }
    this.value();
    this.after('after array element', ']', () => this.value());
  }

  document(): void {
    this.value();
    this.space();
    const c = this.peek();
    if (c !== undefined) throw invalid(c, 'after top-level value');
  }
}

/** The first syntax error Go's json.Unmarshal reports for `text`, or undefined when it is valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (err) {
    if (err instanceof Syntax) return err.message;
    throw err;
  }
}

/** Go's name of a JSON value's kind in an UnmarshalTypeError. */
export function goJsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}
