const REDACTED = '[redacted]';

/** Things that look like credentials, each replaced by `[redacted]` (the label before a value is kept). */
const PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  [/k8s-aws-v1\.[A-Za-z0-9_=-]+/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(?:AKIA|ASIA|AIDA|AROA|ANPA)[A-Z0-9]{16}\b/g, REDACTED],
  [
    /\b((?:aws_)?(?:access[_-]?token|token|password|passwd|secret(?:[_-]?access)?[_-]?key|secret|api[_-]?key|client[_-]?secret|authorization)"?'?\s*[:=]\s*"?'?)[^\s"',;}]+/gi,
    `$1${REDACTED}`,
  ],
  [
    /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]*[A-Z])(?=[A-Za-z0-9/+=]*[a-z])(?=[A-Za-z0-9/+=]*\d)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
    REDACTED,
  ],
  [/(?=[A-Za-z0-9+/_=-]*[A-Z])(?=[A-Za-z0-9+/_=-]*[a-z])[A-Za-z0-9+/_=-]{80,}/g, REDACTED],
];

/**
 * Replaces what looks like a credential (bearer/basic tokens, EKS `k8s-aws-v1.` tokens, JWTs, AWS key ids and
 * secret keys, `token=`/`password:`-style values, long opaque blobs) with `[redacted]`.
 * @example redactSecrets('401: Bearer abc.def.ghi rejected') // '401: Bearer [redacted] rejected'
 */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * The first `max` characters of outside text, cut only after redaction, so a credential that straddles the cut
 * cannot leave a recognisable half behind.
 * @example redactedPrefix('id AKIAIOSFODNN7EXAMPLE here', 8) // 'id [reda'
 */
export function redactedPrefix(text: string, max: number): string {
  return redactSecrets(text).slice(0, max);
}
