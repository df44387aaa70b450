/**
 * The Kubernetes remote-command channel protocol over WebSocket, as the API server speaks it to clients.
 * Sources (k8s.io tag v1.35.4): apimachinery `pkg/util/remotecommand/constants.go` (subprotocol names, stream
 * ids 0-4 and 255, `NonZeroExitCode` / `ExitCode`); client-go `tools/remotecommand/websocket.go`
 * (`readDemuxLoop`: binary messages only, first byte = stream id, unknown ids discarded; `stream.Close` sends
 * `[255, id]` to half-close, v5 only); kubelet `pkg/cri/streaming/remotecommand/websocket.go`
 * (`createWebSocketStreams`: an empty message on the lowest writable channel once connected, the Status
 * written on channel 3 with v4, then the connection closed).
 */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

export const STDOUT = 1;
const STDERR = 2;
/** metav1.Status as JSON from v4 on (plain text before). */
export const STATUS = 3;

/** Largest channel-3 Status accepted; a real one is a few hundred bytes. */
const MAX_STATUS_BYTES = 64 * 1024;

/** The first `cap` bytes of one output stream, and whether more came. */
export class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  add(chunk: Buffer): void {
    const room = this.cap - this.bytes;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const part = chunk.length > room ? Buffer.from(chunk.subarray(0, room)) : chunk;
    this.chunks.push(part);
    this.bytes += part.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** What one server message meant: more output, the whole Status text, or a protocol violation. */
export type ChannelEvent =
  | { kind: 'data' }
  | { kind: 'status'; value: unknown }
  | { kind: 'protocol-error'; message: string };

/**
 * Splits server messages onto stdout / stderr (each capped) and collects the Status on channel 3. The Status
 * is complete once its bytes parse as JSON (client-go reads channel 3 to its end; real servers send it in one
 * message). Messages on other channels (none are defined server to client, 255 included) are discarded.
 */
export class ExecChannels {
  readonly stdout: CappedOutput;
  readonly stderr: CappedOutput;
  private readonly status: Buffer[] = [];
  private statusBytes = 0;

  constructor(cap: number) {
    this.stdout = new CappedOutput(cap);
    this.stderr = new CappedOutput(cap);
  }

  receive(data: Buffer, isBinary: boolean): ChannelEvent {
    if (!isBinary) return { kind: 'protocol-error', message: 'text message on a binary channel protocol' };
    const payload = data.subarray(1);
    if (payload.length === 0) return { kind: 'data' };
    if (data[0] === STDOUT) this.stdout.add(payload);
    else if (data[0] === STDERR) this.stderr.add(payload);
    else if (data[0] === STATUS) return this.statusPart(payload);
    return { kind: 'data' };
  }

  private statusPart(payload: Buffer): ChannelEvent {
    this.statusBytes += payload.length;
    if (this.statusBytes > MAX_STATUS_BYTES)
      return { kind: 'protocol-error', message: `status longer than ${MAX_STATUS_BYTES} bytes` };
    this.status.push(payload);
    try {
      return { kind: 'status', value: JSON.parse(Buffer.concat(this.status).toString('utf8')) };
    } catch {
      return { kind: 'data' };
    }
  }
}
