package dev.ipcframework.transport.tcp;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * Cuts the protocol's TCP framing (a 4-byte big-endian unsigned length, then that many bytes) out of what a
 * non-blocking connection reads, one buffer at a time. A frame that a read ends in the middle of is held, header
 * bytes or body, until later reads complete it; between frames it holds nothing, so an idle connection costs no
 * buffer. A frame's body array is allocated once its length is known and checked against the limit.
 */
final class FrameAssembler {

	private static final int HEADER_BYTES = 4;

	private final int maxFrameSize;

	/** Header bytes of the next frame read so far, 0 to 3, and their value. */
	private int headerBytes;

	private int header;

	/** The body of a frame that a read ended in; {@code null} between frames. */
	private byte @Nullable [] body;

	private int bodyFilled;

	FrameAssembler(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	/**
	 * The next whole frame's body, taken from what this assembler holds and what {@code read} has left; or
	 * {@code null} when {@code read} is used up without completing one, whose start is then held.
	 * @throws FrameTooLargeException when the next frame announces more than the limit
	 */
	byte @Nullable [] next(ByteBuffer read) throws FrameTooLargeException {
		if (this.body == null) {
			if (this.headerBytes == 0 && read.remaining() >= HEADER_BYTES) {
				// the usual case: a whole header in the buffer, often the whole frame
				long length = Integer.toUnsignedLong(read.getInt());
				if (length <= read.remaining() && length <= this.maxFrameSize) {
					byte[] frame = new byte[(int) length];
					read.get(frame);
					return frame;
				}
				startBody(length);
			}
			else {
				while (this.headerBytes < HEADER_BYTES && read.hasRemaining()) {
					this.header = (this.header << 8) | (read.get() & 0xFF);
					this.headerBytes++;
				}
				if (this.headerBytes < HEADER_BYTES) {
					return null;
				}
				this.headerBytes = 0;
				startBody(Integer.toUnsignedLong(this.header));
			}
		}
		byte[] frame = this.body;
		int count = Math.min(read.remaining(), frame.length - this.bodyFilled);
		read.get(frame, this.bodyFilled, count);
		this.bodyFilled += count;
		if (this.bodyFilled < frame.length) {
			return null;
		}
		this.body = null;
		return frame;
	}

	private void startBody(long length) throws FrameTooLargeException {
		if (length > this.maxFrameSize) {
			throw new FrameTooLargeException(length, this.maxFrameSize);
		}
		this.body = new byte[(int) length];
		this.bodyFilled = 0;
	}

	/** Whether a frame has been started and not completed. */
	boolean holdsPartialFrame() {
		return this.body != null || this.headerBytes > 0;
	}

	/** Whether {@code read}, from its position on, holds a whole frame, when this assembler holds nothing. */
	boolean hasWholeFrame(ByteBuffer read) {
		if (holdsPartialFrame() || read.remaining() < HEADER_BYTES) {
			return false;
		}
		long length = Integer.toUnsignedLong(read.getInt(read.position()));
		return read.remaining() - HEADER_BYTES >= length;
	}

}
