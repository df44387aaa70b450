/**
 * Field selector parsing as kube-apiserver does it (k8s.io/apimachinery v0.35.4 `pkg/fields/selector.go`:
 * splitTerms, splitTerm, UnescapeValue, parseSelector — terms sorted, every term parsed before any is converted).
 */
import { SelectorError } from './label-selector-parser.ts';

export interface FieldTerm {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

/** Splits on commas not escaped by a backslash (the backslash stays in the term). */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const OPERATORS = [
  ['!=', 'neq'],
  ['==', 'eq'],
  ['=', 'eq'],
] as const;

function splitTerm(term: string): { lhs: string; op: 'eq' | 'neq'; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const [text, op] of OPERATORS)
      if (term.startsWith(text, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + text.length) };
  }
  return undefined;
}

function unescapeValue(s: string): string {
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=')
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=')
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Go's byte-wise string order (sort.StringSlice); UTF-16 order differs only above the BMP. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The terms of a `fieldSelector` query value, in the order kube-apiserver checks them. */
export function parseFieldSelector(selector: string | null): FieldTerm[] {
  if (!selector) return [];
  const terms: FieldTerm[] = [];
  for (const part of splitTerms(selector).sort(byBytes)) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    terms.push({ field: t.lhs, op: t.op, value: unescapeValue(t.rhs) });
  }
  return terms;
}
