import { Writable } from 'node:stream';

/** A Writable that keeps at most `cap` bytes and remembers whether more came. */
export class OutputCapture extends Writable {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  truncated = false;

  constructor(private readonly cap: number) {
    super();
    // Late frames after end() must not crash the process.
    this.on('error', () => {});
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    const room = this.cap - this.bytes;
    if (chunk.length > room) this.truncated = true;
    if (room > 0) {
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      this.chunks.push(part);
      this.bytes += part.length;
    }
    cb();
  }

  /** The captured bytes as UTF-8. */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
