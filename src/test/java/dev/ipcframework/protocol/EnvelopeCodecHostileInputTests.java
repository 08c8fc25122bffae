package dev.ipcframework.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Frames no conforming client sends, generated in bulk: each decodes to a valid envelope or fails with
 * {@code BAD_FRAME}, and nothing else escapes the parser.
 */
class EnvelopeCodecHostileInputTests {

	private static final String[] FIELDS = { "message_id", "app_id", "channel_id", "message_type", "payload",
			"timestamp", "reply_to" };

	/** One value of every JSON type, by name. */
	private static final Map<String, String> JSON_VALUES = Map.of("string", "\"x\"", "integer", "7", "float", "2.5",
			"boolean", "true", "null", "null", "object", "{\"a\":1}", "array", "[1]");

	private final EnvelopeCodec codec = new EnvelopeCodec();

	@ParameterizedTest
	@ValueSource(ints = { EnvelopeCodec.MAX_NESTING_DEPTH + 1, 10_000, 100_000 })
	void nestingDeeperThanTheLimitIsABadFrameNotAStackOverflow(int depth) {
		for (String open : new String[] { "[", "{\"a\":" }) {
			String close = open.equals("[") ? "]" : "}";
			String frame = "{\"channel_id\":\"c\",\"message_type\":\"publish\",\"payload\":" + open.repeat(depth) + "1"
					+ close.repeat(depth) + "}";

			Throwable thrown = catchThrowable(() -> decode(frame));

			assertThat(thrown).isInstanceOf(InvalidFrameException.class).hasMessageContaining("nesting depth");
		}
	}

	@Test
	void nestingUpToTheLimitIsAccepted() {
		int depth = EnvelopeCodec.MAX_NESTING_DEPTH - 2;
		IpcEnvelope envelope = decode("{\"channel_id\":\"c\",\"message_type\":\"publish\",\"payload\":"
				+ "[".repeat(depth) + "]".repeat(depth) + "}");

		assertThat(this.codec.decode(this.codec.encode(envelope)).payload()).isEqualTo(envelope.payload());
	}

	@Test
	void stringsAsLongAsAFrameAreAccepted() {
		String huge = "\u00e9".repeat(512 * 1024);
		IpcEnvelope envelope = decode("{\"channel_id\":\"c\",\"message_type\":\"publish\",\"payload\":\"" + huge + "\"}");

		assertThat(envelope.payload().stringValue()).isEqualTo(huge);
		assertThat(this.codec.encode(envelope)).hasSizeGreaterThan(6 * huge.length());
	}

	/** Structure broken by bytes that are not UTF-8: never a valid frame. */
	@ParameterizedTest
	@ValueSource(strings = { "FE", "FF", "80", "C0AF", "E282", "F0908D", "F8888080AF" })
	void invalidUtf8BetweenTokensIsABadFrame(String hex) {
		byte[] frame = concat("{\"channel_id\":\"c\",\"message_type\":\"publish\",", hex, "\"payload\":1}");

		assertThatExceptionOfType(InvalidFrameException.class).isThrownBy(() -> this.codec.decode(frame));
	}

	/**
	 * Inside a string too, whatever is not well-formed UTF-8 is {@code BAD_FRAME}: a stray continuation byte, a
	 * truncated sequence, an overlong form ({@code C0 AF} would decode to {@code /}), an encoded surrogate half, a
	 * code point above U+10FFFF.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "80", "BF", "C0AF", "E080AF", "F08080AF", "C3", "E282", "EDA080", "EDBFBF", "F4908080",
			"FE", "FF" })
	void invalidUtf8InsideAStringIsABadFrame(String hex) {
		byte[] frame = concat("{\"channel_id\":\"c\",\"message_type\":\"publish\",\"payload\":\"a", hex, "b\"}");

		assertThatExceptionOfType(InvalidFrameException.class).isThrownBy(() -> this.codec.decode(frame))
			.withMessageContaining("UTF-8");
	}

	@Test
	void wellFormedMultiByteUtf8IsAccepted() {
		byte[] frame = concat("{\"channel_id\":\"c\",\"message_type\":\"publish\",\"payload\":\"", "C3A9E282ACF09F8E89",
				"\"}");

		assertThat(this.codec.decode(frame).payload().stringValue()).isEqualTo("\u00e9\u20ac\uD83C\uDF89");
	}

	static Stream<Arguments> everyFieldWithEveryJsonType() {
		List<Arguments> cases = new ArrayList<>();
		for (String field : FIELDS) {
			for (Map.Entry<String, String> value : JSON_VALUES.entrySet()) {
				cases.add(Arguments.of(field, value.getKey(), value.getValue()));
			}
		}
		return cases.stream();
	}

	/**
	 * Every field with a value of every JSON type. What is accepted: a string where a string belongs (a known type
	 * name for {@code message_type}, one of any value for {@code channel_id}), a number for {@code timestamp}, any
	 * value for {@code payload}, and {@code null} wherever a field may be missing.
	 */
	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("everyFieldWithEveryJsonType")
	void everyFieldWithAValueOfEveryJsonType(String field, String type, String value) {
		String frame = request().replace("\"" + field + "\":" + valueOf(field), "\"" + field + "\":" + value);
		boolean accepted = switch (field) {
			case "payload" -> true;
			case "timestamp" -> type.equals("integer") || type.equals("float") || type.equals("null");
			case "channel_id", "message_type" -> false; // "x" is no type name; a null channel is a missing one
			default -> type.equals("string") || type.equals("null");
		};
		if (field.equals("channel_id") && type.equals("string")) {
			accepted = true;
		}

		if (accepted) {
			EnvelopeCodecFuzzTests.assertValid(decode(frame));
		}
		else {
			assertThatExceptionOfType(InvalidFrameException.class).isThrownBy(() -> decode(frame))
				.withMessageContaining(field);
		}
	}

	@Test
	void withDuplicateKeysTheLastOneWins() {
		IpcEnvelope envelope = decode("{\"message_id\":\"first\",\"channel_id\":\"nope\",\"message_type\":\"publish\","
				+ "\"channel_id\":\"greet\",\"message_type\":\"request\",\"message_id\":\"last\"}");

		assertThat(envelope.channelId()).isEqualTo("greet");
		assertThat(envelope.messageType()).isEqualTo(MessageType.REQUEST);
		assertThat(envelope.messageId()).isEqualTo("last");
	}

	/** Fifty thousand mutations of a valid request: flipped, inserted, deleted and truncated bytes. */
	@Test
	void mutatedRequestsAreValidEnvelopesOrBadFrames() {
		Random random = new Random(20261124L);
		byte[] seed = request().getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < 50_000; i++) {
			ByteArrayOutputStream mutated = new ByteArrayOutputStream();
			for (byte b : seed) {
				int dice = random.nextInt(100);
				if (dice == 0) {
					continue;
				}
				mutated.write((dice == 1) ? random.nextInt(256) : b);
				if (dice == 2) {
					mutated.write("{}[]\":,\\0-eE.".charAt(random.nextInt(13)));
				}
			}
			byte[] frame = mutated.toByteArray();
			assertValidOrBadFrame((random.nextInt(10) == 0) ? java.util.Arrays.copyOf(frame, random.nextInt(frame.length))
					: frame);
		}
	}

	private void assertValidOrBadFrame(byte[] frame) {
		IpcEnvelope envelope;
		try {
			envelope = this.codec.decode(frame);
		}
		catch (InvalidFrameException ex) {
			assertThat(ex.code()).isEqualTo(IpcErrorCode.BAD_FRAME);
			return;
		}
		EnvelopeCodecFuzzTests.assertValid(envelope);
		for (byte b : this.codec.encode(envelope)) {
			assertThat(b & 0xFF).isLessThan(0x80);
		}
	}

	private static String request() {
		return "{\"message_id\":\"m1\",\"app_id\":\"a\",\"channel_id\":\"c\",\"message_type\":\"request\","
				+ "\"payload\":{\"n\":1},\"timestamp\":1732406400.5,\"reply_to\":\"r\"}";
	}

	private static String valueOf(String field) {
		return switch (field) {
			case "message_id" -> "\"m1\"";
			case "app_id" -> "\"a\"";
			case "channel_id" -> "\"c\"";
			case "message_type" -> "\"request\"";
			case "payload" -> "{\"n\":1}";
			case "timestamp" -> "1732406400.5";
			default -> "\"r\"";
		};
	}

	private IpcEnvelope decode(String json) {
		return this.codec.decode(json.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] concat(String before, String hex, String after) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(java.util.HexFormat.of().parseHex(hex));
		out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
