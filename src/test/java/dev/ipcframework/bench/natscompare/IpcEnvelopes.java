package dev.ipcframework.bench.natscompare;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON envelopes of our protocol that the load generator sends, written once as templates, and the cheap scan
 * that tells what a received envelope is. Shared by the TCP and WebSocket transports, which differ only in framing.
 * <p>
 * A request's {@code message_id} is {@code q<slot:4><sequence:10>}: the response's {@code reply_to} names the slot
 * without the load generator parsing JSON. The server writes {@code reply_to} last, so it is looked for from the end
 * of the frame first.
 */
final class IpcEnvelopes {

	static final String ECHO_APP = "demo";

	static final String ECHO_CHANNEL = "echo";

	private static final byte[] REPLY_TO_REQUEST = AsciiBytes.ascii("\"reply_to\":\"q");

	private static final byte[] SEQUENCE = AsciiBytes.ascii("\"seq\":\"");

	private static final byte[] ERROR = AsciiBytes.ascii("{\"error\":");

	private static final byte[] CODE = AsciiBytes.ascii("\"code\":\"");

	private static final byte[] CONNECTED = AsciiBytes.ascii("\"status\":\"connected\"");

	/** Connection ids must be unique among live connections: one random prefix per run, then a counter. */
	private static final String CONNECTION_ID_PREFIX = "bench-" + UUID.randomUUID() + "-";

	private static final AtomicLong CONNECTION_COUNTER = new AtomicLong();

	private IpcEnvelopes() {
	}

	static String nextConnectionId() {
		return CONNECTION_ID_PREFIX + CONNECTION_COUNTER.incrementAndGet();
	}

	static byte[] connect(String app, String messageId, String connectionId) {
		return envelope(messageId, app, "system", "request",
				"{\"action\":\"connect\",\"connection_id\":\"" + connectionId + "\"}");
	}

	/** A ping on {@code system}: its answer shows that every frame sent before it was handled. */
	static byte[] ping(String app, String messageId) {
		return envelope(messageId, app, "system", "request", "{\"action\":\"ping\"}");
	}

	static byte[] subscribe(String app, String channel) {
		return envelope("s-" + channel, app, channel, "subscribe", "{}");
	}

	static FrameTemplate request(String app, String channel) {
		String slotAndSequence = "0".repeat(FrameTemplate.SLOT_DIGITS + FrameTemplate.SEQUENCE_DIGITS);
		byte[] body = envelope("q" + slotAndSequence, app, channel, "request", Payloads.REQUEST);
		int slot = AsciiBytes.indexOf(body, 0, body.length, AsciiBytes.ascii("\"q0")) + 2;
		return new FrameTemplate(body, slot, new int[] { slot + FrameTemplate.SLOT_DIGITS });
	}

	static FrameTemplate publish(String app, String channel) {
		byte[] body = envelope("p" + "0".repeat(FrameTemplate.SEQUENCE_DIGITS), app, channel, "publish",
				Payloads.PUBLISH);
		int id = AsciiBytes.indexOf(body, 0, body.length, AsciiBytes.ascii("\"p0")) + 2;
		int payload = AsciiBytes.indexOf(body, 0, body.length, SEQUENCE) + SEQUENCE.length;
		return new FrameTemplate(body, -1, new int[] { id, payload });
	}

	static boolean isConnected(byte[] body, int from, int to) {
		return AsciiBytes.indexOf(body, from, to, CONNECTED) >= 0;
	}

	/** True for the response whose {@code reply_to} is messageId. */
	static boolean answers(byte[] body, int from, int to, String messageId) {
		return AsciiBytes.indexOf(body, from, to, AsciiBytes.ascii("\"reply_to\":\"" + messageId + "\"")) >= 0;
	}

	/** Reports one envelope, found between from and to, to the sink. */
	static void classify(byte[] body, int from, int to, FrameSink sink) {
		int reply = AsciiBytes.lastIndexOf(body, Math.max(from, to - 48), to, REPLY_TO_REQUEST);
		if (reply < 0) {
			int sequence = AsciiBytes.indexOf(body, from, to, SEQUENCE);
			if (sequence >= 0) {
				sink.onPublish(AsciiBytes.parseDigits(body, sequence + SEQUENCE.length, FrameTemplate.SEQUENCE_DIGITS));
				return;
			}
			// a server that orders the keys differently
			reply = AsciiBytes.indexOf(body, from, to, REPLY_TO_REQUEST);
		}
		if (reply >= 0) {
			int slot = (int) AsciiBytes.parseDigits(body, reply + REPLY_TO_REQUEST.length, FrameTemplate.SLOT_DIGITS);
			sink.onReply(slot, AsciiBytes.indexOf(body, from, to, ERROR) >= 0);
			return;
		}
		sink.onNotice(describe(body, from, to));
	}

	/** The error code of an error envelope, else the start of the envelope. */
	static String describe(byte[] body, int from, int to) {
		int code = AsciiBytes.indexOf(body, from, to, CODE);
		if (code >= 0) {
			int start = code + CODE.length;
			int end = start;
			while (end < to && body[end] != '"') {
				end++;
			}
			return AsciiBytes.text(body, start, end);
		}
		return AsciiBytes.text(body, from, Math.min(to, from + 160));
	}

	private static byte[] envelope(String messageId, String app, String channel, String type, String payload) {
		// timestamp 0 means "now" to the server; the seven keys in the order the server writes them
		return AsciiBytes.ascii("{\"message_id\":\"" + messageId + "\",\"app_id\":\"" + app + "\",\"channel_id\":\""
				+ channel + "\",\"message_type\":\"" + type + "\",\"payload\":" + payload
				+ ",\"timestamp\":0,\"reply_to\":null}");
	}

}
