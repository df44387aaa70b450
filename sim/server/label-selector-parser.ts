/**
 * The label selector grammar and its parse errors as kube-apiserver words them
 * (k8s.io/apimachinery v0.35.4 `pkg/labels/selector.go`: Lexer, Parser.parse and its helpers, NewRequirement's
 * checks); key and value validation worded per version (label-validation.ts).
 */
import {
  fieldInvalid,
  type LabelWording,
  labelKeyErrors,
  labelValueErrors,
  labelWording,
} from './label-validation.ts';

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
  constructor(
    private readonly items: { tok: Tok; lit: string }[],
    private readonly wording: LabelWording,
  ) {}

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
    const keyErrors = labelKeyErrors(key, this.wording);
    if (keyErrors.length > 0) throw new Error(fieldInvalid('<nil>', key, keyErrors.join('; ')));
    const [next] = this.look();
    if (next === 'end' || next === ',') return { op: negated ? 'notexists' : 'exists', key };
    if (negated) return { op: 'notexists', key };
    const [op, lit] = this.take(false);
    let req: Requirement;
    if (op === 'in' || op === 'notin') req = { op, key, values: this.values() };
    else if (op === '=' || op === '==' || op === '!=')
      req = { op: op === '!=' ? 'neq' : 'eq', key, value: this.exactValue() };
    else if (op === '>' || op === '<') req = { op: op === '>' ? 'gt' : 'lt', key, value: this.exactValue() };
    else throw new Error(`found '${lit}', expected: ${BINARY.join(', ')}`);
    this.checkValues(req);
    return req;
  }

  /** NewRequirement's checks of the values (the parser hands them over sorted), aggregated like Go's. */
  private checkValues(req: Requirement): void {
    const values = 'values' in req ? req.values : 'value' in req ? [req.value] : [];
    const errs: string[] = [];
    if (req.op === 'gt' || req.op === 'lt')
      for (const [i, v] of values.entries())
        if (!isGoInt64(v))
          errs.push(
            fieldInvalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"),
          );
    for (const [i, v] of values.entries()) {
      const bad = labelValueErrors(v, this.wording);
      if (bad.length > 0) errs.push(fieldInvalid(`values[${i}][${req.key}]`, v, bad.join('; ')));
    }
    const distinct = [...new Set(errs)];
    if (distinct.length === 1) throw new Error(distinct[0]);
    if (distinct.length > 1) throw new Error(`[${distinct.join(', ')}]`);
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
    return [...out].sort();
  }

  private exactValue(): string {
    const [tok] = this.look();
    if (tok === 'end' || tok === ',') return '';
    const [t, lit] = this.take();
    if (t === 'id') return lit;
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** strconv.ParseInt(v, 10, 64) succeeds. */
function isGoInt64(v: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(v)) return false;
  const n = BigInt(v);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/**
 * Parses a label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, with the
 * validation and wording of kube-apiserver `kubernetesVersion`.
 */
export function parseLabelSelector(text: string | null, kubernetesVersion: string): Requirement[] {
  if (!text) return [];
  return new Parser(lex(text), labelWording(kubernetesVersion)).parse();
}
