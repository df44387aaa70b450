/**
 * OpenSSL serialises a client's TLS session as a DER SEQUENCE (ssl/ssl_asn1.c, `SSL_SESSION_ASN1`: version,
 * protocol version, ...) whose optional `[3] EXPLICIT` field is the server's certificate. Node 20 hands that DER
 * out as it is (Node 22 and 24 wrap it in a format of their own, and decode it cheaply), and with its OpenSSL 3.0
 * every `setSession` parses the certificate again: most of the cost of resuming. A TLS 1.3 client that has
 * already checked the server's certificate and name on the full handshake does not need it back: OpenSSL resumes
 * from the ticket's secret, the session keeps its verify result (`[5]`), and Node skips the identity check on a
 * resumed session (lib/_tls_wrap.js `onConnectSecure`). A TLS 1.2 session stays whole: OpenSSL 3.0 fails the
 * verification of an abbreviated TLS 1.2 handshake whose session has no certificate.
 */
const SEQUENCE = 0x30;
const INTEGER = 0x02;
const TLS_1_3 = 0x0304;
const PEER_CERTIFICATE = 0xa3;

interface Element {
  tag: number;
  start: number;
  end: number;
}

/** The tag and extent of the DER element at `at`, or undefined where the bytes are not DER. */
function elementAt(der: Buffer, at: number): Element | undefined {
  if (at + 2 > der.length) return undefined;
  const tag = der[at] as number;
  let length = der[at + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || at + 2 + bytes > der.length) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[at + 2 + i] as number);
    header += bytes;
  }
  const end = at + header + length;
  return end <= der.length ? { tag, start: at + header, end } : undefined;
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function integerValue(der: Buffer, e: Element | undefined): number | undefined {
  if (!e || e.tag !== INTEGER || e.end - e.start > 4) return undefined;
  let value = 0;
  for (let i = e.start; i < e.end; i++) value = value * 256 + (der[i] as number);
  return value;
}

/**
 * A TLS 1.3 session without the server's certificate; the session itself where it is not TLS 1.3, holds no
 * certificate or is not OpenSSL's DER.
 */
export function withoutPeerCertificate(session: Buffer): Buffer {
  const outer = elementAt(session, 0);
  if (!outer || outer.tag !== SEQUENCE || outer.end !== session.length) return session;
  const version = elementAt(session, outer.start);
  const protocol = version && elementAt(session, version.end);
  if (integerValue(session, protocol) !== TLS_1_3) return session;
  for (let at = outer.start; at < outer.end; ) {
    const field = elementAt(session, at);
    if (!field || field.end > outer.end) return session;
    if (field.tag === PEER_CERTIFICATE) {
      const body = Buffer.concat([session.subarray(outer.start, at), session.subarray(field.end, outer.end)]);
      return Buffer.concat([Buffer.from([SEQUENCE]), derLength(body.length), body]);
    }
    at = field.end;
  }
  return session;
}
