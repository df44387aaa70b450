import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';

/** Floor of the wait for a ticket after the first handshake (loopback handshakes take ~1 ms). */
const MIN_TICKET_WAIT_MS = 20;

type OnCreate = (err: Error | null, stream: Duplex) => void;

/**
 * An https.Agent whose concurrent first connections wait for the first one's TLS session, then resume it: a
 * cluster's opening burst (several reads, the probe Job, ten exec upgrades) costs one full handshake instead of
 * one each. A full handshake is what both sides pay most for (certificate signature and chain, the client's
 * identity check); a resumed one skips them. The wait ends when the first connection gets its session or
 * closes without one, or a handshake's duration after it finished without one (a server that issues no
 * tickets).
 */
export class ResumingAgent extends https.Agent {
  private resumable = false;
  private firstSession: Promise<void> | undefined;

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
    const opened = performance.now();
    this.firstSession = new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        socket.off('session', onSession);
        socket.off('secureConnect', onSecure);
        socket.off('close', done);
        this.firstSession = undefined;
        resolve();
      };
      const onSession = () => {
        this.resumable = true;
        done();
      };
      // A session (TLS 1.3 ticket) comes about one round trip after the handshake; a server that sends none
      // costs the burst that long, measured by the handshake's own duration.
      const onSecure = () => {
        timer = setTimeout(done, Math.max(MIN_TICKET_WAIT_MS, performance.now() - opened));
        timer.unref();
      };
      socket.once('session', onSession);
      socket.once('secureConnect', onSecure);
      socket.once('close', done);
    });
    return socket;
  }

  private connect(options: https.RequestOptions): TLSSocket {
    return super.createConnection(options) as TLSSocket;
  }
}
