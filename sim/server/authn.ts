import type { IncomingMessage } from 'node:http';
import type { Identity } from '../rbac/authorize.ts';
import { failure, type StatusBody } from './status.ts';

/** kube-apiserver's default `--anonymous-auth=true` identity for a request without credentials. */
const ANONYMOUS: Identity = { user: 'system:anonymous', groups: ['system:unauthenticated'] };

/** The identity of a bearer token; a 401 Status for an unknown token, anonymous without one. */
export function authenticate(
  req: IncomingMessage,
  tokens: ReadonlyMap<string, Identity>,
): Identity | StatusBody {
  const header = req.headers.authorization;
  if (header === undefined) return ANONYMOUS;
  const m = /^Bearer (.+)$/.exec(header);
  const who = m?.[1] ? tokens.get(m[1]) : undefined;
  return who ?? failure(401, 'Unauthorized');
}
