import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect, createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutPeerCertificate } from '../../core/kube/tls-session-peer.ts';
import { generatePki, type Pki } from '../../sim/tls/pki.ts';

let pki: Pki;
let other: Pki;
const servers: Server[] = [];

async function listen(p: Pki, maxVersion?: 'TLSv1.2'): Promise<number> {
  const tls = { key: p.serverKeyPem, cert: p.serverCertPem, ...(maxVersion ? { maxVersion } : {}) };
  const server = createServer(tls, (_q, res) => res.end('{}'));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function handshake(port: number, secureContext: SecureContext, session?: Buffer): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', servername: 'localhost', secureContext, session });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The session a full handshake gives (TLS 1.2 gives it during the handshake, TLS 1.3 after). */
function sessionOf(port: number, secureContext: SecureContext): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', servername: 'localhost', secureContext });
    socket.once('session', (session: Buffer) => {
      socket.destroy();
      resolve(session);
    });
    socket.once('error', reject);
  });
}

beforeAll(async () => {
  [pki, other] = await Promise.all([generatePki(), generatePki()]);
});

afterAll(() => {
  for (const s of servers) s.close();
});

describe('a TLS session without the server certificate', () => {
  it('still resumes, verified, on the server that issued it', async () => {
    const port = await listen(pki);
    const ctx = createSecureContext({ ca: pki.caPem });
    const session = await sessionOf(port, ctx);
    const stripped = withoutPeerCertificate(session);
    // Node 20 hands OpenSSL's own DER, which holds the certificate; newer Node lines wrap it and keep it whole
    if (session[0] === 0x30) expect(stripped.length).toBeLessThan(session.length - 500);
    else expect(stripped).toBe(session);
    const socket = await handshake(port, ctx, stripped);
    expect(socket.isSessionReused()).toBe(true);
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it('is a TLS 1.2 session kept whole, which resumes verified', async () => {
    const port = await listen(pki, 'TLSv1.2');
    const ctx = createSecureContext({ ca: pki.caPem });
    const session = await sessionOf(port, ctx);
    expect(withoutPeerCertificate(session)).toBe(session);
    const socket = await handshake(port, ctx, withoutPeerCertificate(session));
    expect(socket.getProtocol()).toBe('TLSv1.2');
    expect(socket.isSessionReused()).toBe(true);
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it('gives no way around the certificate check on a server that does not resume it', async () => {
    const port = await listen(pki);
    const foreign = await listen(other);
    const ctx = createSecureContext({ ca: pki.caPem });
    const stripped = withoutPeerCertificate(await sessionOf(port, ctx));
    const socket = await handshake(foreign, ctx, stripped).catch((err: Error) => err);
    expect(socket).toBeInstanceOf(Error);
    expect((socket as NodeJS.ErrnoException).code).toMatch(/CERT|SIGNATURE|ISSUER/);
  });

  it('leaves bytes that are not a DER session as they are', () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('nodejs:tls:session'),
      Buffer.from([0x30, 0x85, 1, 2, 3]),
    ]) {
      expect(withoutPeerCertificate(bytes)).toBe(bytes);
    }
  });

  it('drops the [3] field alone, in short and long DER lengths', () => {
    const length = (n: number) =>
      Buffer.from(n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
    const field = (tag: number, body: Buffer) =>
      Buffer.concat([Buffer.from([tag]), length(body.length), body]);
    const seq = (...fields: Buffer[]) => field(0x30, Buffer.concat(fields));
    const version = Buffer.concat([field(0x02, Buffer.from([1])), field(0x02, Buffer.from([0x03, 0x04]))]);
    const time = field(0xa1, field(0x02, Buffer.from([9])));
    const peer = field(0xa3, field(0x30, Buffer.alloc(300, 7)));
    const verify = field(0xa5, field(0x02, Buffer.from([0])));
    const kept = [version, time, verify];
    expect(withoutPeerCertificate(seq(version, time, peer, verify))).toEqual(seq(...kept));
    const long = field(0xaa, Buffer.alloc(200, 1)); // keeps the outer length long-form after the cut
    expect(withoutPeerCertificate(seq(version, peer, long))).toEqual(seq(version, long));
    expect(withoutPeerCertificate(seq(...kept))).toEqual(seq(...kept));
    const tls12 = seq(
      field(0x02, Buffer.from([1])),
      field(0x02, Buffer.from([0x03, 0x03])),
      time,
      peer,
      verify,
    );
    expect(withoutPeerCertificate(tls12)).toBe(tls12);
  });
});
