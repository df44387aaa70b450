import https from 'node:https';
import type { Duplex } from 'node:stream';
import { type ConnectionOptions, TLSSocket, connect as tlsConnect } from 'node:tls';
import { withoutPeerCertificate } from './tls-session-peer.ts';

/** Longest the burst waits on a first connection that neither answers nor closes. */
const NO_TICKET_AFTER_MS = 2_000;

type OnCreate = (err: Error | null, stream: Duplex) => void;

/** Node's TLSSocket has long had `setSession` (tls.connect calls it), though its types leave it out. */
const setSessionOf = (TLSSocket.prototype as { setSession?: (this: TLSSocket, session: Buffer) => void })
  .setSession;

/**
 * An https.Agent whose concurrent first connections wait for the first one's TLS session, then resume it: a
 * cluster's opening burst (several reads, the probe Job, ten exec upgrades) costs one full handshake instead of
 * one each. A full handshake is what both sides pay most for (certificate signature and chain, the client's
 * identity check); a resumed one skips them. The wait ends when the first connection gets its session, answers
 * without one (a server that issues no tickets), closes, or after 2 s.
 */
export class ResumingAgent extends https.Agent {
  private resumable = false;
  private firstSession: Promise<void> | undefined;
  /** The newest TLS session the server gave (one server per agent), offered by the next connection. */
  private session: Buffer | undefined;

  override createConnection(options: https.RequestOptions, callback?: OnCreate): Duplex | null | undefined {
    if (this.resumable || !callback) return this.connect(options);
    if (this.firstSession) {
      this.firstSession.then(() => {
        try {
          callback(null, this.connect(options));
        } catch (err) {
          callback(err as Error, undefined as unknown as Duplex);
        }
      });
      return undefined;
    }
    const socket = this.connect(options);
    this.firstSession = new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), NO_TICKET_AFTER_MS);
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        socket.off('session', onSession);
        socket.off('data', done);
        socket.off('close', done);
        this.firstSession = undefined;
        resolve();
      };
      const onSession = () => {
        this.resumable = true;
        done();
      };
      // A TLS 1.3 server sends its tickets right after the handshake, ahead of any answer: the first answer
      // byte without a session means this server issues none.
      socket.once('session', onSession);
      socket.on('data', done);
      socket.once('close', done);
    });
    return socket;
  }

  /**
   * Connects, offering the kept session. It is set on the socket once, before the handshake starts: handed to
   * `tls.connect` (as https.Agent does), Node decodes it twice per connection (Node 20.20 and 24.21
   * lib/_tls_wrap.js: the TLSSocket constructor and `tls.connect` both set it). The session is kept without the
   * server certificate (`tls-session-peer.ts`): with Node 20's OpenSSL 3.0 each decode otherwise parses it,
   * 0.3-0.5 ms each in the sweep's CPU profiles.
   */
  private connect(options: https.RequestOptions): TLSSocket {
    const session = this.session;
    const tlsOptions = options as ConnectionOptions;
    const socket = tlsConnect(session && !setSessionOf ? { ...tlsOptions, session } : tlsOptions);
    if (session && setSessionOf) setSessionOf.call(socket, session);
    socket.on('session', (session: Buffer) => {
      this.session = withoutPeerCertificate(session);
    });
    socket.once('close', (hadError: boolean) => {
      if (hadError) this.session = undefined;
    });
    return socket;
  }
}
