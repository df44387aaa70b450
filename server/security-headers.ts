import { createHash } from 'node:crypto';
import { secureHeaders } from 'hono/secure-headers';
import { WEEKLY_CSS } from '../core/analysis/weekly-render.ts';

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Security headers on every answer (Hono's secureHeaders): a strict CSP (scripts and styles from this origin only,
 * plus the weekly report's one inline style block by hash), no framing, nosniff, no referrer.
 * @example app.use('*', securityHeaders())
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", cspHash(WEEKLY_CSS)],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: true,
    strictTransportSecurity: false,
  });
}
