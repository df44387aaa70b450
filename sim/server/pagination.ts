import type { KObject } from '../world/types.ts';
import { goJsonKind, goJsonSyntaxError, goRawUrlBase64 } from './go-decode-errors.ts';
import { failure, type StatusBody } from './status.ts';

/**
 * Chunked lists (`limit` / `continue`) as kube-apiserver answers them (kubernetes/apiserver v0.32
 * `pkg/storage/continue.go` and `pkg/storage/etcd3/store.go` GetList): items in storage-key order
 * (`<namespace>/<name>`), the token is base64url (no padding) of
 * `{"v":"meta.k8s.io/v1","rv":<list RV>,"start":"<last key>\u0000"}`, `remainingItemCount` only for an
 * unfiltered list, and a continued page keeps the first page's resourceVersion.
 */
export interface ListPage {
  items: KObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

interface Token {
  v: string;
  rv: number;
  start: string;
}

/** The storage key below the list's prefix: `<name>` in one namespace, `<namespace>/<name>` across them. */
const keyFn = (inNamespace: boolean) => (o: KObject) =>
  !inNamespace && o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;

const invalid = (why: string) => ({
  error: failure(400, `invalid continue token: continue key is not valid: ${why}`),
});

const FIELD_TYPES: Record<string, { go: string; js: string }> = {
  v: { go: 'string', js: 'string' },
  rv: { go: 'int64', js: 'number' },
  start: { go: 'string', js: 'string' },
};

/** json.Unmarshal into apiserver's `storage.continueToken`: Go's error text, or the fields. */
function unmarshalToken(data: Buffer): Partial<Token> | { why: string } {
  const text = data.toString('utf8');
  const syntax = goJsonSyntaxError(text);
  if (syntax) return { why: syntax };
  const parsed = JSON.parse(text) as unknown;
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    return {
      why: `json: cannot unmarshal ${goJsonKind(parsed)} into Go value of type storage.continueToken`,
    };
  for (const [key, value] of Object.entries(parsed)) {
    const want = FIELD_TYPES[key];
    if (!want || value === null || typeof value === want.js) continue;
    return {
      why: `json: cannot unmarshal ${goJsonKind(value)} into Go struct field continueToken.${key} of type ${want.go}`,
    };
  }
  return parsed as Partial<Token>;
}

function decode(value: string): Token | { error: StatusBody } {
  const data = goRawUrlBase64(value);
  if ('error' in data) return invalid(data.error);
  const t = unmarshalToken(data);
  if ('why' in t) return invalid(t.why);
  if (t.v !== 'meta.k8s.io/v1')
    return invalid(`server does not recognize this encoded version "${t.v ?? ''}"`);
  if (!t.rv) return invalid('incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (!t.start) return invalid('encoded start key empty (version meta.k8s.io/v1)');
  return { v: t.v, rv: t.rv, start: t.start };
}

const encode = (t: Token) => Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');

/**
 * One page of `matching` (already filtered by the selectors) per the request's `limit` and `continue`.
 * `inNamespace`: the list is of one namespace; `filtered`: a label or field selector applied.
 */
export function listPage(
  matching: KObject[],
  query: URLSearchParams,
  currentRv: string,
  opts: { inNamespace: boolean; filtered: boolean },
): ListPage | { error: StatusBody } {
  const keyOf = keyFn(opts.inNamespace);
  const cont = query.get('continue') ?? '';
  const limit = Number(query.get('limit') ?? '0');
  if (cont && query.get('resourceVersion'))
    return { error: failure(400, 'specifying resource version is not allowed when using continue') };
  let rv = currentRv;
  let after = '';
  if (cont) {
    const t = decode(cont);
    if ('error' in t) return t;
    rv = String(t.rv);
    after = t.start;
  }
  const sorted = [...matching].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const rest = after ? sorted.filter((o) => keyOf(o) >= after) : sorted;
  if (!Number.isInteger(limit) || limit <= 0 || rest.length <= limit)
    return { items: rest, resourceVersion: rv };
  const items = rest.slice(0, limit);
  const last = items.at(-1) as KObject;
  return {
    items,
    resourceVersion: rv,
    continue: encode({ v: 'meta.k8s.io/v1', rv: Number(rv), start: `${keyOf(last)}\u0000` }),
    ...(opts.filtered ? {} : { remainingItemCount: rest.length - limit }),
  };
}
