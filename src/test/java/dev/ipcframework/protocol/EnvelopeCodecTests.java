package dev.ipcframework.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.data.Offset.offset;

/**
 * Liberal in what it accepts, exact in what it sends (docs/protocol.md, "The envelope").
 */
class EnvelopeCodecTests {

	private final EnvelopeCodec codec = new EnvelopeCodec();

	@Test
	void decodesWhatTheOriginalPythonClientSends() {
		IpcEnvelope envelope = decode("{\"message_id\": \"m1\", \"app_id\": \"a\", \"channel_id\": \"c\", "
				+ "\"message_type\": \"request\", \"payload\": {\"x\": 1}, \"timestamp\": 1732406400.5, "
				+ "\"reply_to\": null}");

		assertThat(envelope.messageId()).isEqualTo("m1");
		assertThat(envelope.appId()).isEqualTo("a");
		assertThat(envelope.channelId()).isEqualTo("c");
		assertThat(envelope.messageType()).isEqualTo(MessageType.REQUEST);
		assertThat(envelope.payload().path("x").asInt()).isEqualTo(1);
		assertThat(envelope.timestamp()).isEqualTo(1732406400.5);
		assertThat(envelope.replyTo()).isNull();
	}

	@Test
	void assignsAnIdWhenItIsMissingNullOrEmpty() {
		for (String id : new String[] { "", "\"message_id\": null, ", "\"message_id\": \"\", " }) {
			IpcEnvelope envelope = decode("{" + id + "\"channel_id\": \"c\", \"message_type\": \"publish\"}");
			assertThat(envelope.messageId()).hasSize(36);
		}
	}

	@Test
	void acceptsMillisecondIntegerAndMissingTimestamps() {
		assertThat(decode("{\"channel_id\":\"c\",\"message_type\":\"publish\",\"timestamp\":1732406400123}")
			.timestamp()).isCloseTo(1732406400.123, offset(1e-6));
		assertThat(decode("{\"channel_id\":\"c\",\"message_type\":\"publish\",\"timestamp\":1732406400}")
			.timestamp()).isEqualTo(1732406400.0);
		assertThat(decode("{\"channel_id\":\"c\",\"message_type\":\"publish\"}").timestamp())
			.isCloseTo(System.currentTimeMillis() / 1000.0, offset(5.0));
	}

	@Test
	void toleratesExtraKeysAndNonObjectPayloads() {
		IpcEnvelope envelope = decode("{\"channel_id\":\"c\",\"message_type\":\"notification\",\"payload\":[1,2],"
				+ "\"extra\":{\"deep\":true}}");

		assertThat(envelope.payload().isArray()).isTrue();
	}

	@Test
	void refusesWhatItCannotRoute() {
		assertBadFrame("not json", "not valid JSON");
		assertBadFrame("[1,2]", "not a JSON object");
		assertBadFrame("{\"channel_id\":\"c\"}", "missing field 'message_type'");
		assertBadFrame("{\"channel_id\":\"c\",\"message_type\":\"shout\"}", "unknown message_type 'shout'");
		assertBadFrame("{\"message_type\":\"request\"}", "missing field 'channel_id'");
		assertBadFrame("{\"channel_id\":\"c\",\"message_type\":\"request\",\"message_id\":7}",
				"field 'message_id' must be a string");
		assertBadFrame("{\"channel_id\":\"c\",\"message_type\":\"request\",\"timestamp\":\"now\"}",
				"field 'timestamp' must be a number");
		assertBadFrame("", "empty frame");
	}

	@Test
	void aBadRequestFrameStillNamesTheRequestItAnswers() {
		assertThatExceptionOfType(InvalidFrameException.class)
			.isThrownBy(() -> decode("{\"message_id\":\"r1\",\"message_type\":\"request\"}"))
			.satisfies((ex) -> assertThat(ex.requestId()).isEqualTo("r1"));
	}

	@Test
	void writesTimestampsAsPythonWritesFloatSecondsWithSixDecimals() {
		assertThat(encodedTimestamp(1764561234.1234567)).isEqualTo("1764561234.123457");
		assertThat(encodedTimestamp(1732406400.05)).isEqualTo("1732406400.050000");
		assertThat(encodedTimestamp(0.000001)).isEqualTo("0.000001");
		assertThat(encodedTimestamp(7.0)).isEqualTo("7.000000");
		assertThat(encodedTimestamp(-1.5)).isEqualTo("-1.500000");
	}

	private String encodedTimestamp(double timestamp) {
		String text = new String(this.codec.encode(new IpcEnvelope("id", "app", "chan", MessageType.PUBLISH,
				JsonNodeFactory.instance.nullNode(), timestamp, null)), StandardCharsets.UTF_8);
		return text.replaceAll(".*\"timestamp\":([^,]*),.*", "$1");
	}

	@Test
	void encodesAllSevenKeysAsciiOnlyWithFloatSeconds() {
		IpcEnvelope envelope = new IpcEnvelope("id", "app", "chan", MessageType.RESPONSE,
				JsonNodeFactory.instance.objectNode().put("text", "héllo ✓"), 1732406400.0, "req");

		byte[] frame = this.codec.encode(envelope);
		String text = new String(frame, StandardCharsets.UTF_8);

		assertThat(text).matches("\\p{ASCII}*");
		assertThat(text).contains("h\\u00E9llo \\u2713").contains("\"timestamp\":1732406400.000000");
		JsonNode parsed = JsonMapper.builder().build().readTree(frame);
		assertThat(parsed.propertyNames()).containsExactly("message_id", "app_id", "channel_id", "message_type",
				"payload", "timestamp", "reply_to");
		assertThat(parsed.path("payload").path("text").asString()).isEqualTo("héllo ✓");
		assertThat(this.codec.decode(frame)).isEqualTo(envelope);
	}

	@Test
	void encodesAMissingReplyToAsNull() {
		String text = new String(this.codec.encode(IpcEnvelope.create("a", "c", MessageType.PUBLISH, null)),
				StandardCharsets.UTF_8);

		assertThat(text).contains("\"reply_to\":null").contains("\"payload\":null");
	}

	@Test
	void readsTheOptionalRequestTimeoutBesideTheSevenFields() {
		String json = "{\"message_id\": \"m1\", \"app_id\": \"a\", \"channel_id\": \"c\", "
				+ "\"message_type\": \"request\", \"payload\": {}, \"timestamp\": 1732406400.5, \"timeout_ms\": 250}";

		DecodedFrame decoded = this.codec.decodeFrame(json.getBytes(StandardCharsets.UTF_8));

		assertThat(decoded.requestTimeout()).isEqualTo(Duration.ofMillis(250));
		assertThat(decoded.envelope()).isEqualTo(decode(json));
		assertThat(new String(this.codec.encode(decoded.envelope()), StandardCharsets.UTF_8))
			.doesNotContain("timeout_ms");
	}

	@Test
	void aClientsRequestCarriesItsTimeoutAfterTheSevenFields() {
		IpcEnvelope request = new IpcEnvelope("id", "a", "c", MessageType.REQUEST,
				JsonNodeFactory.instance.objectNode(), 1732406400.5, null);

		byte[] frame = this.codec.encode(request, Duration.ofMillis(300));

		JsonNode parsed = JsonMapper.builder().build().readTree(frame);
		assertThat(parsed.propertyNames()).containsExactly("message_id", "app_id", "channel_id", "message_type",
				"payload", "timestamp", "reply_to", "timeout_ms");
		assertThat(parsed.path("timeout_ms").isIntegralNumber()).isTrue();
		DecodedFrame decoded = this.codec.decodeFrame(frame);
		assertThat(decoded.requestTimeout()).isEqualTo(Duration.ofMillis(300));
		assertThat(decoded.envelope()).isEqualTo(request);
		assertThat(this.codec.encode(request, null)).isEqualTo(this.codec.encode(request));
	}

	@Test
	void ignoresARequestTimeoutThatIsMissingOrNotAPositiveNumber() {
		for (String timeout : new String[] { "", ", \"timeout_ms\": 0", ", \"timeout_ms\": -5",
				", \"timeout_ms\": \"100\"", ", \"timeout_ms\": null" }) {
			DecodedFrame decoded = this.codec.decodeFrame(
					("{\"channel_id\": \"c\", \"message_type\": \"request\"" + timeout + "}")
						.getBytes(StandardCharsets.UTF_8));
			assertThat(decoded.requestTimeout()).as(timeout).isNull();
		}
	}

	@Test
	void readsThePositionThatTheServerAppendsForCapableClients() {
		IpcEnvelope publish = new IpcEnvelope("id", "a", "prices", MessageType.PUBLISH,
				JsonNodeFactory.instance.objectNode().put("tea", 3), 1732406400.5, null);
		byte[] plain = this.codec.encode(publish);

		DecodedFrame decoded = this.codec.decodeFrame(
				EnvelopeCodec.withPosition(plain, new StreamPosition(42, "5c1f0e7a9b3d2c41")));

		assertThat(decoded.position()).isEqualTo(new StreamPosition(42, "5c1f0e7a9b3d2c41"));
		assertThat(decoded.envelope()).isEqualTo(publish);
		assertThat(this.codec.decodeFrame(plain).position()).isNull();
	}

	@Test
	void ignoresAPositionThatIsIncompleteOrMistyped() {
		for (String position : new String[] { ", \"offset\": 3", ", \"epoch\": \"e\"",
				", \"offset\": -1, \"epoch\": \"e\"", ", \"offset\": 1.5, \"epoch\": \"e\"",
				", \"offset\": \"3\", \"epoch\": \"e\"", ", \"offset\": 3, \"epoch\": 7",
				", \"offset\": 99999999999999999999, \"epoch\": \"e\"" }) {
			DecodedFrame decoded = this.codec.decodeFrame(
					("{\"channel_id\": \"c\", \"message_type\": \"publish\"" + position + "}")
						.getBytes(StandardCharsets.UTF_8));
			assertThat(decoded.position()).as(position).isNull();
		}
	}

	private IpcEnvelope decode(String json) {
		return this.codec.decode(json.getBytes(StandardCharsets.UTF_8));
	}

	private void assertBadFrame(String json, String message) {
		assertThatExceptionOfType(InvalidFrameException.class).isThrownBy(() -> decode(json))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(IpcErrorCode.BAD_FRAME));
	}

}
