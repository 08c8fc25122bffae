package dev.ipcframework.transport.websocket;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.springframework.web.socket.CloseStatus;

/**
 * Reads the frames a WebSocket client sends (RFC 6455, no extensions) from the bytes of its connection. A message
 * that fits the buffer arrives whole; a larger or fragmented one arrives in parts as its bytes do, so that no
 * message is held whole here whatever its size (the handler bounds what it assembles). Client frames are masked;
 * they are unmasked eight bytes at a time.
 */
final class FrameDecoder {

	/** Callbacks for what was read, on the reading thread, in the order the client sent it. */
	interface Frames {

		/** A message, or a part of one (the last part has {@code last}); {@code text} for a text message. */
		void onMessage(boolean text, byte[] part, boolean last) throws IOException;

		void onPing(byte[] payload) throws IOException;

		/** The client's close frame: {@code code} 1005 when it gave none. */
		void onClose(int code, String reason) throws IOException;

	}

	/** The client broke the protocol; the session closes with {@link #status()}. */
	static final class ProtocolException extends IOException {

		private static final long serialVersionUID = 1L;

		private final transient CloseStatus status;

		ProtocolException(CloseStatus status) {
			super(status.getReason());
			this.status = status;
		}

		CloseStatus status() {
			return this.status;
		}

	}

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private static final int OPCODE_CONTINUATION = 0x0;

	private static final int OPCODE_TEXT = 0x1;

	private static final int OPCODE_BINARY = 0x2;

	private static final int OPCODE_CLOSE = 0x8;

	private static final int OPCODE_PING = 0x9;

	private static final int OPCODE_PONG = 0xA;

	private static final int MAX_CONTROL_PAYLOAD = 125;

	private final byte[] buffer;

	/** Read but not yet decoded: {@code buffer[start..end)}. */
	private int start;

	private int end;

	/** Payload bytes of the current frame still to come; -1 between frames. */
	private long remaining = -1;

	private int opcode;

	private boolean fin;

	private int mask;

	/** Payload bytes of the current frame already unmasked, for the mask's phase. */
	private long unmasked;

	/** A fragmented message is under way (its first frame had no FIN), and whether it is text. */
	private boolean fragmented;

	private boolean fragmentedText;

	FrameDecoder(int bufferSize) {
		this.buffer = new byte[bufferSize];
	}

	/** Reads into the free part of a buffer: the bytes read, 0 when none are there now, -1 at the end. */
	interface Source {

		int read(byte[] into, int offset, int length) throws IOException;

	}

	/**
	 * Reads once from {@code in} into the free part of the buffer.
	 * @return the bytes read, 0 if none were there, or -1 at the end of the stream
	 */
	int readFrom(Source in) throws IOException {
		if (this.end == this.buffer.length) {
			compact();
		}
		int read = in.read(this.buffer, this.end, this.buffer.length - this.end);
		if (read > 0) {
			this.end += read;
		}
		return read;
	}

	/** Whether bytes already read wait to be decoded. */
	boolean hasBuffered() {
		return this.end > this.start;
	}

	/**
	 * Decodes what was read, frame after frame, until the buffer holds no more of one or {@code paused} says
	 * to stop (checked before each frame).
	 */
	void decode(Frames frames, BooleanSupplier paused) throws IOException {
		while (!paused.getAsBoolean()) {
			if (this.remaining < 0 && !readHeader()) {
				break;
			}
			if (!decodePayload(frames)) {
				break;
			}
		}
		if (this.start == this.end) {
			this.start = 0;
			this.end = 0;
		}
	}

	private boolean readHeader() throws ProtocolException {
		int available = this.end - this.start;
		if (available < 2) {
			return false;
		}
		int first = this.buffer[this.start] & 0xff;
		int second = this.buffer[this.start + 1] & 0xff;
		if ((first & 0x70) != 0) {
			throw protocolError("reserved bits set, and no extension was agreed");
		}
		if ((second & 0x80) == 0) {
			throw protocolError("client frames must be masked");
		}
		int lengthCode = second & 0x7f;
		int headerLength = 2 + ((lengthCode == 126) ? 2 : (lengthCode == 127) ? 8 : 0) + 4;
		if (available < headerLength) {
			return false;
		}
		long length = lengthCode;
		int position = this.start + 2;
		if (lengthCode == 126) {
			length = ((this.buffer[position] & 0xff) << 8) | (this.buffer[position + 1] & 0xff);
			position += 2;
		}
		else if (lengthCode == 127) {
			length = (long) LONGS.get(this.buffer, position);
			position += 8;
			if (length < 0) {
				throw protocolError("frame length out of range");
			}
		}
		this.fin = (first & 0x80) != 0;
		this.opcode = first & 0x0f;
		checkOpcode(length);
		this.mask = ((this.buffer[position] & 0xff) << 24) | ((this.buffer[position + 1] & 0xff) << 16)
				| ((this.buffer[position + 2] & 0xff) << 8) | (this.buffer[position + 3] & 0xff);
		this.start = position + 4;
		this.remaining = length;
		this.unmasked = 0;
		return true;
	}

	private void checkOpcode(long length) throws ProtocolException {
		switch (this.opcode) {
			case OPCODE_CLOSE, OPCODE_PING, OPCODE_PONG -> {
				if (!this.fin || length > MAX_CONTROL_PAYLOAD) {
					throw protocolError("control frames must be whole and at most 125 bytes");
				}
			}
			case OPCODE_CONTINUATION -> {
				if (!this.fragmented) {
					throw protocolError("continuation frame without a message to continue");
				}
			}
			case OPCODE_TEXT, OPCODE_BINARY -> {
				if (this.fragmented) {
					throw protocolError("new message before the fragmented one ended");
				}
			}
			default -> throw protocolError("unknown opcode " + this.opcode);
		}
	}

	/** @return whether the frame's payload was decoded to its end (else more bytes are needed) */
	private boolean decodePayload(Frames frames) throws IOException {
		int available = this.end - this.start;
		boolean control = this.opcode >= OPCODE_CLOSE;
		boolean whole = control || (this.fin && this.opcode != OPCODE_CONTINUATION && this.unmasked == 0
				&& this.remaining <= this.buffer.length);
		if (whole) {
			if (available < this.remaining) {
				compact();
				return false;
			}
			byte[] payload = take((int) this.remaining);
			this.remaining = -1;
			if (control) {
				onControl(frames, payload);
			}
			else {
				frames.onMessage(this.opcode == OPCODE_TEXT, payload, true);
			}
			return true;
		}
		if (available == 0 && this.remaining > 0) {
			return false;
		}
		if (this.opcode != OPCODE_CONTINUATION && this.unmasked == 0) {
			this.fragmented = true;
			this.fragmentedText = this.opcode == OPCODE_TEXT;
		}
		byte[] part = take((int) Math.min(available, this.remaining));
		this.remaining -= part.length;
		boolean frameDone = this.remaining == 0;
		boolean last = frameDone && this.fin;
		if (last) {
			this.fragmented = false;
		}
		if (frameDone) {
			this.remaining = -1;
		}
		frames.onMessage(this.fragmentedText, part, last);
		return frameDone;
	}

	/** The next {@code length} payload bytes, unmasked. */
	private byte[] take(int length) {
		int from = this.start;
		int to = from + length;
		int key = Integer.rotateLeft(this.mask, (int) (8 * (this.unmasked & 3)));
		long wideKey = ((key & 0xffffffffL) << 32) | (key & 0xffffffffL);
		int i = from;
		for (; i + 8 <= to; i += 8) {
			LONGS.set(this.buffer, i, (long) LONGS.get(this.buffer, i) ^ wideKey);
		}
		for (int shift = 24; i < to; i++, shift -= 8) {
			this.buffer[i] ^= (byte) (key >>> shift);
		}
		this.unmasked += length;
		this.start = to;
		return Arrays.copyOfRange(this.buffer, from, to);
	}

	private void onControl(Frames frames, byte[] payload) throws IOException {
		if (this.opcode == OPCODE_PING) {
			frames.onPing(payload);
		}
		else if (this.opcode == OPCODE_CLOSE) {
			if (payload.length == 1) {
				throw protocolError("close frame with a one-byte payload");
			}
			int code = (payload.length == 0) ? CloseStatus.NO_STATUS_CODE.getCode()
					: ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
			String reason = (payload.length > 2) ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
					: "";
			frames.onClose(code, reason);
		}
		// a pong answers nothing the server sent: nothing to do
	}

	private void compact() {
		if (this.start > 0) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
			this.end -= this.start;
			this.start = 0;
		}
	}

	private static ProtocolException protocolError(String reason) {
		return new ProtocolException(CloseStatus.PROTOCOL_ERROR.withReason(reason));
	}

}
