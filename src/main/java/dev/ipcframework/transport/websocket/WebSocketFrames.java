package dev.ipcframework.transport.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.web.socket.CloseStatus;

/** The frames the server sends (RFC 6455): unmasked, whole, no extension. */
final class WebSocketFrames {

	static final int OPCODE_TEXT = 0x1;

	static final int OPCODE_BINARY = 0x2;

	static final int OPCODE_CLOSE = 0x8;

	static final int OPCODE_PING = 0x9;

	static final int OPCODE_PONG = 0xA;

	private static final int FIN = 0x80;

	/** A control frame carries at most 125 bytes, two of them the close code. */
	private static final int MAX_CLOSE_REASON_BYTES = 123;

	private WebSocketFrames() {
	}

	/** One frame with the given payload. */
	static byte[] frame(int opcode, byte[] payload) {
		ByteBuffer frame = ByteBuffer.allocate(headerLength(payload.length) + payload.length);
		putHeader(frame, opcode, payload.length);
		return frame.put(payload).array();
	}

	/** Text frames, one per message of UTF-8 bytes, back to back. */
	static byte[] textFrames(List<byte[]> messages) {
		int length = 0;
		for (byte[] message : messages) {
			length += headerLength(message.length) + message.length;
		}
		ByteBuffer frames = ByteBuffer.allocate(length);
		for (byte[] message : messages) {
			putHeader(frames, OPCODE_TEXT, message.length);
			frames.put(message);
		}
		return frames.array();
	}

	/** A close frame with the status's code and as much of its reason as a control frame holds. */
	static byte[] close(CloseStatus status) {
		byte[] reason = (status.getReason() != null) ? status.getReason().getBytes(StandardCharsets.UTF_8)
				: new byte[0];
		int reasonLength = Math.min(reason.length, MAX_CLOSE_REASON_BYTES);
		byte[] payload = ByteBuffer.allocate(2 + reasonLength)
			.putShort((short) status.getCode())
			.put(reason, 0, reasonLength)
			.array();
		return frame(OPCODE_CLOSE, payload);
	}

	/** Whether a close frame may carry {@code code} (1005, 1006 and 1015 only report; others are unassigned). */
	static boolean isSendable(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

	private static int headerLength(int payloadLength) {
		return (payloadLength < 126) ? 2 : (payloadLength < 65536) ? 4 : 10;
	}

	private static void putHeader(ByteBuffer frame, int opcode, int payloadLength) {
		frame.put((byte) (FIN | opcode));
		if (payloadLength < 126) {
			frame.put((byte) payloadLength);
		}
		else if (payloadLength < 65536) {
			frame.put((byte) 126).putShort((short) payloadLength);
		}
		else {
			frame.put((byte) 127).putLong(payloadLength);
		}
	}

}
