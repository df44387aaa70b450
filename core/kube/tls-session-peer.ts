/**
 * OpenSSL serialises a client's TLS session as a DER SEQUENCE (ssl/ssl_asn1.c, `SSL_SESSION_ASN1`) whose
 * optional `[3] EXPLICIT` field is the server's certificate. Every `setSession` decodes it again, and with
 * OpenSSL 3.0 (Node 20 and 22) that certificate parse is most of the cost of resuming. A client that has
 * already checked the server's certificate and name on the full handshake does not need it back: OpenSSL
 * resumes from the ticket and master secret, the session keeps its verify result (`[5]`), and Node skips the
 * identity check on a resumed session (lib/_tls_wrap.js `onConnectSecure`).
 */
const SEQUENCE = 0x30;
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

/** The session without the server's certificate; the session itself where it holds none or is not DER. */
export function withoutPeerCertificate(session: Buffer): Buffer {
  const outer = elementAt(session, 0);
  if (!outer || outer.tag !== SEQUENCE || outer.end !== session.length) return session;
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
