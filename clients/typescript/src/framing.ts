/** TCP framing (Node only): a 4-byte big-endian unsigned length, then that many bytes of UTF-8 JSON. */

export const DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;

/** One frame (header and body) in one buffer, so that it goes out in one write. */
export function encodeFrame(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  const frame = Buffer.allocUnsafe(4 + length);
  frame.writeUInt32BE(length, 0);
  frame.write(text, 4, length, 'utf8');
  return frame;
}

/**
 * Reassembles frames from a byte stream: a chunk may hold part of a header, part of a body, or several frames.
 * Chunks are kept as they came and joined only when a frame is complete.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = -1;

  constructor(private readonly maxFrameSize: number = DEFAULT_MAX_FRAME_SIZE) {}

  /** Adds bytes; returns the bodies of the frames completed by them, in order. Throws on an oversized header. */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < 4) {
          break;
        }
        const length = this.take(4).readUInt32BE(0);
        if (length > this.maxFrameSize) {
          throw new Error(`frame of ${length} bytes exceeds the limit of ${this.maxFrameSize}`);
        }
        this.expected = length;
      }
      if (this.buffered < this.expected) {
        break;
      }
      frames.push(this.take(this.expected));
      this.expected = -1;
    }
    return frames;
  }

  /** Bytes held for an incomplete frame. */
  get pending(): number {
    return this.buffered;
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (n === 0) {
      return Buffer.alloc(0);
    }
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) {
        this.chunks.shift();
      } else {
        this.chunks[0] = first.subarray(n);
      }
      this.buffered -= n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let copied = 0;
    while (copied < n) {
      const chunk = this.chunks[0];
      const count = Math.min(chunk.length, n - copied);
      chunk.copy(out, copied, 0, count);
      copied += count;
      if (count === chunk.length) {
        this.chunks.shift();
      } else {
        this.chunks[0] = chunk.subarray(count);
      }
    }
    this.buffered -= n;
    return out;
  }
}
