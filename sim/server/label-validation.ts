/**
 * Label key and value validation as a label selector meets it in kube-apiserver, worded per version:
 * k8s.io/apimachinery v0.35.4 `pkg/api/validate/content/kube.go` IsLabelKey / IsLabelValue (lengths in "bytes",
 * "a valid label key") and v0.34.4 `pkg/util/validation/validation.go` IsQualifiedName / IsValidLabelValue
 * ("characters", "a qualified name"); `field.Invalid(...).Error()` for the message.
 */
import { goQuote } from './go-quote.ts';

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const KEY_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const whole = (fmt: string) => new RegExp(`^${fmt}$`);
const LABEL_KEY = whole(LABEL_KEY_FMT);
const LABEL_VALUE = whole(LABEL_VALUE_FMT);
const SUBDOMAIN = whole(DNS1123_SUBDOMAIN_FMT);

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const eg = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${eg}regex used for validation is '${fmt}')`;
}

/** The wording of one apimachinery line. */
export interface LabelWording {
  /** "bytes" from 1.35, "characters" before. */
  lengthUnit: 'bytes' | 'characters';
  /** What a key with more than one `/` is called. */
  keyNoun: 'a valid label key' | 'a qualified name';
}

/** The wording kube-apiserver `1.<minor>` uses. */
export function labelWording(kubernetesVersion: string): LabelWording {
  const minor = Number(kubernetesVersion.split('.')[1]);
  return minor >= 35
    ? { lengthUnit: 'bytes', keyNoun: 'a valid label key' }
    : { lengthUnit: 'characters', keyNoun: 'a qualified name' };
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const maxLen = (w: LabelWording, n: number) => `must be no more than ${n} ${w.lengthUnit}`;

/** IsLabelKey (1.35) / IsQualifiedName (1.34): the reasons a key is invalid, none when valid. */
export function labelKeyErrors(key: string, w: LabelWording): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  let name: string;
  if (parts.length === 1) name = key;
  else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (bytes(prefix) > 253) errs.push(`prefix part ${maxLen(w, 253)}`);
      if (!SUBDOMAIN.test(prefix))
        errs.push(`prefix part ${regexError(SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com')}`);
    }
  } else {
    return [
      `${w.keyNoun} ${regexError(KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (bytes(name) > 63) errs.push(`name part ${maxLen(w, 63)}`);
  if (!LABEL_KEY.test(name))
    errs.push(`name part ${regexError(KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** IsLabelValue (1.35) / IsValidLabelValue (1.34). */
export function labelValueErrors(value: string, w: LabelWording): string[] {
  const errs: string[] = [];
  if (bytes(value) > 63) errs.push(maxLen(w, 63));
  if (!LABEL_VALUE.test(value))
    errs.push(regexError(VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** `field.Invalid(path, value, detail).Error()` for a string value; a nil path prints as `<nil>`. */
export function fieldInvalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${goQuote(value)}: ${detail}`;
}
