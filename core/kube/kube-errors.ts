import { FleetcheckError } from '../errors.ts';
import { redactedPrefix } from '../text/redact.ts';

/** A non-2xx answer of the API server: its status, body text (a Kubernetes Status, at most 4 KiB) and headers. */
export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  constructor(
    readonly code: number,
    readonly body: string,
    readonly headers: Record<string, string>,
  ) {
    super(`HTTP ${code}`);
  }
}

/** What a call does, for error messages and context (never holds credentials). */
export interface CallDesc {
  cluster: string;
  verb: string;
  /** Plural resource, e.g. `pods`, `pods/exec`, `jobs`, `ciliumendpoints`. */
  resource: string;
  namespace?: string;
  name?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

function where(d: CallDesc): string {
  return d.namespace ? `in namespace ${d.namespace}` : 'at cluster scope';
}

function what(d: CallDesc): string {
  return d.name ? `${d.resource} "${d.name}"` : d.resource;
}

function ctx(d: CallDesc, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { cluster: d.cluster, verb: d.verb, resource: d.resource, namespace: d.namespace, ...extra };
}

/** Maps an HTTP status of the API server to a typed error naming the verb, resource and namespace. */
export function errorFromStatus(status: number, d: CallDesc, cause?: unknown): FleetcheckError {
  const c = ctx(d, { status });
  const opts = { cause };
  if (status === 401)
    return new FleetcheckError(
      'access-denied',
      `unauthorized: ${d.cluster} rejected the credentials (expired or invalid token) to ${d.verb} ${d.resource} ${where(d)}`,
      c,
      opts,
    );
  if (status === 403)
    return new FleetcheckError(
      'access-denied',
      `forbidden: cannot ${d.verb} ${d.resource} ${where(d)} (RBAC: see deploy/rbac.yaml)`,
      c,
      opts,
    );
  if (status === 404) return new FleetcheckError('not-found', `${what(d)} not found ${where(d)}`, c, opts);
  if (status === 409)
    return new FleetcheckError('conflict', `${what(d)} already exists ${where(d)}`, c, opts);
  if (status === 429)
    return new FleetcheckError(
      'rate-limited',
      `${d.cluster} kept answering 429 Too Many Requests to ${d.verb} ${d.resource} ${where(d)}`,
      c,
      opts,
    );
  if (status >= 500)
    return new FleetcheckError(
      'server-error',
      `${d.cluster} answered HTTP ${status} to ${d.verb} ${d.resource} ${where(d)}`,
      c,
      opts,
    );
  return new FleetcheckError(
    'bad-response',
    `${d.cluster} answered HTTP ${status} to ${d.verb} ${d.resource} ${where(d)}`,
    c,
    opts,
  );
}

function systemCodeOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { error?: unknown; cause?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTlsCode(code: string): boolean {
  return /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/.test(code);
}

/** True for aborts (deadline or caller cancellation) of fetch, ws or our own waits. */
export function isAbort(err: unknown): boolean {
  const name = (err as { name?: unknown } | undefined)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Maps anything a call may throw to a FleetcheckError. Messages never include
 * request headers or tokens.
 */
export function mapKubeError(err: unknown, d: CallDesc, deadlineMs: number): FleetcheckError {
  if (err instanceof FleetcheckError) return err;
  if (err instanceof HttpStatusError) return errorFromStatus(err.code, d, undefined);
  if (isAbort(err))
    return new FleetcheckError(
      'timeout',
      `${d.verb} ${d.resource} ${where(d)} on ${d.cluster} timed out after ${deadlineMs} ms`,
      ctx(d, { deadlineMs }),
    );
  const code = systemCodeOf(err);
  if (code && isTlsCode(code))
    return new FleetcheckError(
      'unreachable',
      `TLS handshake with ${d.cluster} failed (${code}): check the CA in the kubeconfig`,
      ctx(d, { code }),
    );
  if (code && NETWORK_CODES.has(code))
    return new FleetcheckError(
      'unreachable',
      `${d.cluster} API server unreachable (${code}) while trying to ${d.verb} ${d.resource}`,
      ctx(d, { code }),
    );
  const msg = err instanceof Error ? err.message : String(err);
  if (/parse|Content-Type|JSON/i.test(msg))
    return new FleetcheckError(
      'bad-response',
      `${d.cluster} sent an unreadable answer to ${d.verb} ${d.resource}: ${redactedPrefix(msg, 160)}`,
      ctx(d),
    );
  return new FleetcheckError(
    'unreachable',
    `${d.verb} ${d.resource} on ${d.cluster} failed: ${redactedPrefix(msg, 160)}`,
    ctx(d, { code }),
    { cause: err },
  );
}

/** Delay before retry `attempt` (0-based): `Retry-After` (seconds or HTTP date, capped) or backoff. */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | undefined,
  maxRetryAfterMs: number,
  now: number = Date.now(),
): number {
  if (retryAfter) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs) && secs >= 0) return Math.min(secs * 1000, maxRetryAfterMs);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.min(Math.max(0, date - now), maxRetryAfterMs);
  }
  const base = Math.min(2000, 200 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}
