/**
 * The label selector grammar and its parse errors as kube-apiserver words them
 * (k8s.io/apimachinery v0.35.4 `pkg/labels/selector.go`: Lexer, Parser.parse and its helpers).
 * Key and value validation is looser than `content.IsLabelKey` / `IsValidLabelValue`.
 */

export type Requirement =
  | { op: 'eq' | 'neq' | 'gt' | 'lt'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

/** Thrown for selectors the apiserver would reject with 400. */
export class SelectorError extends Error {}

type Tok = 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const KEYWORDS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};
const BINARY = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const special = (c: string) => '=!(),><'.includes(c);
const space = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && space(s[i] as string)) i++;
    if (i >= s.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    if (special(s[i] as string)) {
      let buf = '';
      let last: { tok: Tok; lit: string } | undefined;
      while (i < s.length && special(s[i] as string)) {
        buf += s[i];
        const t = KEYWORDS[buf];
        if (t) last = { tok: t, lit: buf };
        else if (last) break;
        i++;
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (i < s.length && !special(s[i] as string) && !space(s[i] as string)) buf += s[i++];
    out.push({ tok: KEYWORDS[buf] ?? 'id', lit: buf });
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly items: { tok: Tok; lit: string }[]) {}

  private at(i: number, values: boolean): [Tok, string] {
    const { tok, lit } = this.items[i] as { tok: Tok; lit: string };
    return [values && (tok === 'in' || tok === 'notin') ? 'id' : tok, lit];
  }
  private look(values = true): [Tok, string] {
    return this.at(this.pos, values);
  }
  private take(values = true): [Tok, string] {
    return this.at(this.pos++, values);
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const [tok, lit] = this.look();
      if (tok === 'end') return reqs;
      if (tok !== 'id' && tok !== '!')
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (err) {
        throw new SelectorError(`unable to parse requirement: ${(err as Error).message}`);
      }
      const [t, l] = this.take();
      if (t === 'end') return reqs;
      if (t !== ',') throw new SelectorError(`found '${l}', expected: ',' or 'end of string'`);
      const [t2, l2] = this.look();
      if (t2 !== 'id' && t2 !== '!') throw new SelectorError(`found '${l2}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let [tok, key] = this.take();
    const negated = tok === '!';
    if (negated) [tok, key] = this.take();
    if (tok !== 'id') throw new Error(`found '${key}', expected: identifier`);
    const [next] = this.look();
    if (next === 'end' || next === ',') return { op: negated ? 'notexists' : 'exists', key };
    if (negated) return { op: 'notexists', key };
    const [op, lit] = this.take(false);
    if (op === 'in' || op === 'notin') return { op, key, values: this.values() };
    if (op === '=' || op === '==' || op === '!=')
      return { op: op === '!=' ? 'neq' : 'eq', key, value: this.exactValue() };
    if (op === '>' || op === '<') return { op: op === '>' ? 'gt' : 'lt', key, value: this.exactValue() };
    throw new Error(`found '${lit}', expected: ${BINARY.join(', ')}`);
  }

  private values(): string[] {
    const [tok, lit] = this.take();
    if (tok !== '(') throw new Error(`found '${lit}' expected: '('`);
    const [first, firstLit] = this.look();
    if (first === ')') {
      this.take();
      return [''];
    }
    if (first !== 'id' && first !== ',')
      throw new Error(`found '${firstLit}', expected: ',', ')' or identifier`);
    const out = new Set<string>();
    for (;;) {
      const [t, l] = this.take();
      if (t === 'id') {
        out.add(l);
        const [t2, l2] = this.look();
        if (t2 === ',') continue;
        if (t2 === ')') break;
        throw new Error(`found '${l2}', expected: ',' or ')'`);
      }
      if (t !== ',') throw new Error(`found '${l}', expected: ',', or identifier`);
      if (out.size === 0) out.add('');
      const [t2] = this.look();
      if (t2 === ')') {
        out.add('');
        break;
      }
      if (t2 === ',') out.add('');
    }
    this.take();
    return [...out];
  }

  private exactValue(): string {
    const [tok] = this.look();
    if (tok === 'end' || tok === ',') return '';
    const [t, lit] = this.take();
    if (t === 'id') return lit;
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** Parses a label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
export function parseLabelSelector(text: string | null): Requirement[] {
  if (!text) return [];
  return new Parser(lex(text)).parse();
}
