package dev.ipcframework.protocol;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Coverage-guided fuzzing of the envelope parser. Any frame decodes to a valid envelope (all seven fields, a
 * type, a channel, an id, a finite positive timestamp) that encodes to ASCII and decodes back to itself, or fails
 * with {@link InvalidFrameException} ({@code BAD_FRAME}). Anything else (a {@code NullPointerException}, a
 * {@code StackOverflowError}, a Jackson exception that escaped) fails the test.
 * <p>
 * In the normal build this runs on the seeds under {@code src/test/resources/.../EnvelopeCodecFuzzTestsInputs};
 * {@code JAZZER_FUZZ=1} fuzzes it (see docs/testing.md).
 */
class EnvelopeCodecFuzzTests {

	private static final String[] FIELDS = { "message_id", "app_id", "channel_id", "message_type", "payload",
			"timestamp", "reply_to", DecodedFrame.TIMEOUT_FIELD };

	private static final String[] TYPES = { "request", "response", "notification", "subscribe", "unsubscribe",
			"publish", "REQUEST", "" };

	private final EnvelopeCodec codec = new EnvelopeCodec();

	/** Raw bytes: JSON, almost-JSON, invalid UTF-8, deep nesting, whatever the fuzzer makes of the seeds. */
	@FuzzTest(maxDuration = "5s")
	@DictionaryEntries({ "\"message_id\"", "\"app_id\"", "\"channel_id\"", "\"message_type\"", "\"payload\"",
			"\"timestamp\"", "\"reply_to\"", "\"timeout_ms\"", "\"request\"", "\"publish\"", "\"response\"", "null",
			"true", "1e309", "-0.0", "[[[[", "{\"a\":", "\\u0000", "\\ud800" })
	void anyFrameIsAValidEnvelopeOrABadFrame(byte[] frame) {
		checkDecoded(frame);
	}

	/** Objects with the envelope's keys holding values of every JSON type, so that every field check is reached. */
	@FuzzTest(maxDuration = "5s")
	void anyMixOfFieldsIsAValidEnvelopeOrABadFrame(FuzzedDataProvider data) {
		StringBuilder json = new StringBuilder("{");
		int fields = data.consumeInt(0, 12);
		for (int i = 0; i < fields; i++) {
			if (i > 0) {
				json.append(',');
			}
			String name = data.consumeBoolean() ? data.pickValue(FIELDS) : data.consumeString(8);
			json.append(quote(name)).append(':');
			appendValue(json, data, 0);
		}
		json.append('}');
		checkDecoded(json.toString().getBytes(StandardCharsets.UTF_8));
	}

	private void checkDecoded(byte[] frame) {
		DecodedFrame decoded;
		try {
			decoded = this.codec.decodeFrame(frame);
		}
		catch (InvalidFrameException ex) {
			assertThat(ex.code()).isEqualTo(IpcErrorCode.BAD_FRAME);
			assertThat(ex.getMessage()).isNotEmpty();
			return;
		}
		IpcEnvelope envelope = decoded.envelope();
		assertValid(envelope);
		if (decoded.requestTimeout() != null) {
			assertThat(decoded.requestTimeout().toMillis()).isPositive();
		}
		byte[] encoded = this.codec.encode(envelope);
		for (byte b : encoded) {
			assertThat(b & 0xFF).as("output is ASCII").isLessThan(0x80);
		}
		IpcEnvelope again = this.codec.decode(encoded);
		assertThat(again.messageId()).isEqualTo(envelope.messageId());
		assertThat(again.appId()).isEqualTo(envelope.appId());
		assertThat(again.channelId()).isEqualTo(envelope.channelId());
		assertThat(again.messageType()).isEqualTo(envelope.messageType());
		assertThat(again.replyTo()).isEqualTo(envelope.replyTo());
		assertThat(again.timestamp()).isCloseTo(envelope.timestamp(), offset(1e-3));
		// a payload number beyond the double range goes out as the string "Infinity"; from then on it is stable
		assertThat(new String(this.codec.encode(again), StandardCharsets.US_ASCII))
			.isEqualTo(new String(encoded, StandardCharsets.US_ASCII));
	}

	static void assertValid(IpcEnvelope envelope) {
		assertThat(envelope.messageId()).isNotEmpty();
		assertThat(envelope.appId()).isNotNull();
		assertThat(envelope.channelId()).isNotEmpty();
		assertThat(envelope.messageType()).isNotNull();
		assertThat(envelope.payload()).isNotNull();
		assertThat(envelope.timestamp()).isPositive().isLessThan(Double.POSITIVE_INFINITY);
	}

	private static void appendValue(StringBuilder json, FuzzedDataProvider data, int depth) {
		switch (data.consumeInt(0, (depth < 4) ? 9 : 7)) {
			case 0 -> json.append("null");
			case 1 -> json.append(data.consumeBoolean());
			case 2 -> json.append(data.consumeLong());
			case 3 -> json.append(data.consumeDouble());
			case 4 -> json.append(quote(data.pickValue(TYPES)));
			case 5 -> json.append(quote(data.consumeString(16)));
			case 6 -> json.append(data.consumeInt(0, 3) == 0 ? "1e400" : "-1");
			case 7 -> json.append(quote(""));
			case 8 -> {
				json.append('[');
				int items = data.consumeInt(0, 3);
				for (int i = 0; i < items; i++) {
					json.append((i > 0) ? "," : "");
					appendValue(json, data, depth + 1);
				}
				json.append(']');
			}
			default -> {
				json.append('{');
				int items = data.consumeInt(0, 3);
				for (int i = 0; i < items; i++) {
					json.append((i > 0) ? "," : "").append(quote(data.pickValue(FIELDS))).append(':');
					appendValue(json, data, depth + 1);
				}
				json.append('}');
			}
		}
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

}
