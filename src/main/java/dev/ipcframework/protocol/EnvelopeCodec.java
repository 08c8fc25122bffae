package dev.ipcframework.protocol;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Turns UTF-8 JSON frames into envelopes and back.
 * <p>
 * Liberal on input (docs/protocol.md, "The envelope"): extra keys, a missing {@code reply_to}, a missing or empty
 * {@code message_id} (one is assigned), a missing, integer or millisecond {@code timestamp}. Exact on output:
 * all seven keys, snake_case, float seconds, and non-ASCII escaped, so that clients framing by string length
 * instead of byte length still read every frame right.
 */
public final class EnvelopeCodec {

	/** Timestamps above this are taken to be milliseconds (year 5138 in seconds). */
	private static final double MILLIS_THRESHOLD = 1e11;

	/**
	 * The deepest nesting of arrays and objects a frame may have; deeper is {@code BAD_FRAME}. Jackson's own
	 * default, stated here because clients choose payloads: the parser refuses a frame of ten thousand brackets as
	 * soon as it passes this depth, long before any recursion could exhaust a stack.
	 */
	public static final int MAX_NESTING_DEPTH = 500;

	private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();

	private static final SerializableString MESSAGE_ID = new SerializedString("message_id");

	private static final SerializableString APP_ID = new SerializedString("app_id");

	private static final SerializableString CHANNEL_ID = new SerializedString("channel_id");

	private static final SerializableString MESSAGE_TYPE = new SerializedString("message_type");

	private static final SerializableString PAYLOAD = new SerializedString("payload");

	private static final SerializableString TIMESTAMP = new SerializedString("timestamp");

	private static final SerializableString REPLY_TO = new SerializedString("reply_to");

	/** The names and values every frame has, quoted and encoded once rather than in every frame. */
	private static final Map<MessageType, SerializableString> TYPE_NAMES = typeNames();

	private final JsonMapper mapper;

	public EnvelopeCodec() {
		JsonFactory factory = JsonFactory.builder()
			.recyclerPool(ThreadRecyclerPool.forThisMachine())
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
			.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
			.build();
		// the payload is read as a tree in the middle of the frame; the frame's own end is checked by decodeFrame
		this.mapper = JsonMapper.builder(factory).disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
	}

	private static Map<MessageType, SerializableString> typeNames() {
		Map<MessageType, SerializableString> names = new EnumMap<>(MessageType.class);
		for (MessageType type : MessageType.values()) {
			names.put(type, new SerializedString(type.wireName()));
		}
		return names;
	}

	/**
	 * Decodes one frame.
	 * @throws InvalidFrameException when the frame is not JSON, not an object, or a field is missing or mistyped
	 */
	public IpcEnvelope decode(byte[] frame) {
		return decodeFrame(frame).envelope();
	}

	/**
	 * Decodes one frame with its optional extra fields ({@link DecodedFrame#TIMEOUT_FIELD}, the position's
	 * {@link StreamPosition#OFFSET_FIELD} and {@link StreamPosition#EPOCH_FIELD}).
	 * @throws InvalidFrameException when the frame is not JSON, not an object, or a field is missing or mistyped
	 */
	public DecodedFrame decodeFrame(byte[] frame) {
		if (frame.length == 0) {
			throw new InvalidFrameException("empty frame");
		}
		if (!Utf8Validation.isWellFormed(frame)) {
			throw new InvalidFrameException("frame is not well-formed UTF-8");
		}
		try (JsonParser parser = this.mapper.createParser(frame)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return decodeOtherThanObject(frame);
			}
			FrameFields fields = FrameFields.read(parser, this.mapper::readTree);
			if (parser.nextToken() != null) {
				throw new InvalidFrameException("frame is not valid JSON: more content after the object");
			}
			return new DecodedFrame(decode(fields), requestTimeout(fields.requestTimeout),
					position(fields.offset, fields.epoch));
		}
		catch (JacksonException ex) {
			throw new InvalidFrameException("frame is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/** Anything but an object is refused; read as a tree first, so that broken JSON is named as such. */
	private DecodedFrame decodeOtherThanObject(byte[] frame) {
		try {
			this.mapper.readTree(frame);
		}
		catch (JacksonException ex) {
			throw new InvalidFrameException("frame is not valid JSON: " + ex.getOriginalMessage());
		}
		throw new InvalidFrameException("frame is not a JSON object");
	}

	/** Liberal like the rest: a timeout that is not a positive number is ignored, not an error. */
	private static @Nullable Duration requestTimeout(@Nullable Number number) {
		if (number == null) {
			return null;
		}
		double millis = number.doubleValue();
		return (millis >= 1 && Double.isFinite(millis)) ? Duration.ofMillis((long) Math.min(millis, Long.MAX_VALUE))
				: null;
	}

	/** Liberal too: a position without both keys, or with an offset that is not a whole number of at least 0, is none. */
	private static @Nullable StreamPosition position(@Nullable Number offset, @Nullable String epoch) {
		if (offset == null || epoch == null) {
			return null;
		}
		boolean whole = offset instanceof Integer || offset instanceof Long
				|| (offset instanceof BigInteger big && big.bitLength() < 64);
		return (whole && offset.longValue() >= 0) ? new StreamPosition(offset.longValue(), epoch) : null;
	}

	private IpcEnvelope decode(FrameFields fields) {
		String messageId = optionalString(fields.messageId, "message_id", null, null, false);
		String channelId = optionalString(fields.channelId, "channel_id", messageId, null, false);
		String typeName = optionalString(fields.messageType, "message_type", messageId, channelId, false);
		MessageType type = (typeName != null) ? MessageType.fromWireName(typeName) : null;
		boolean request = type == MessageType.REQUEST;
		if (typeName == null) {
			throw new InvalidFrameException("missing field 'message_type'", messageId, channelId, false);
		}
		if (type == null) {
			throw new InvalidFrameException("unknown message_type '" + typeName + "'", messageId, channelId, false);
		}
		if (channelId == null || channelId.isEmpty()) {
			throw new InvalidFrameException("missing field 'channel_id'", messageId, null, request);
		}
		String appId = optionalString(fields.appId, "app_id", messageId, channelId, request);
		String replyTo = optionalString(fields.replyTo, "reply_to", messageId, channelId, request);
		double timestamp = timestamp(fields.timestamp, messageId, channelId, request);
		JsonNode payload = fields.payload;
		return new IpcEnvelope((messageId == null || messageId.isEmpty()) ? IpcEnvelope.newMessageId() : messageId,
				(appId != null) ? appId : "", channelId, type, (payload != null) ? payload : NullNode.getInstance(),
				timestamp, replyTo);
	}

	private static @Nullable String optionalString(@Nullable Object value, String field, @Nullable String messageId,
			@Nullable String channelId, boolean request) {
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw new InvalidFrameException("field '" + field + "' must be a string, not " + value, messageId, channelId,
				request);
	}

	private static double timestamp(@Nullable Object value, @Nullable String messageId, @Nullable String channelId,
			boolean request) {
		if (value == null) {
			return IpcEnvelope.now();
		}
		if (!(value instanceof Number number)) {
			throw new InvalidFrameException("field 'timestamp' must be a number, not " + value, messageId, channelId,
					request);
		}
		// a number out of the double range (an integer of hundreds of digits) is infinite here, not an exception
		double seconds = number.doubleValue();
		if (seconds <= 0 || !Double.isFinite(seconds)) {
			return IpcEnvelope.now();
		}
		seconds = (seconds > MILLIS_THRESHOLD) ? seconds / 1000.0 : seconds;
		// neither seconds nor milliseconds of any date: as meaningless as 0, and no longer writable as float seconds
		return (seconds > MILLIS_THRESHOLD) ? IpcEnvelope.now() : seconds;
	}

	/** Encodes an envelope as one frame body: all seven keys, ASCII only. */
	public byte[] encode(IpcEnvelope envelope) {
		return encode(envelope, null);
	}

	/**
	 * Encodes a request as one frame body: the seven keys, then {@link DecodedFrame#TIMEOUT_FIELD} in whole
	 * milliseconds when {@code requestTimeout} is at least one. Clients use it; the server's own frames never
	 * carry the field.
	 */
	public byte[] encode(IpcEnvelope envelope, @Nullable Duration requestTimeout) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeName(MESSAGE_ID);
			generator.writeString(envelope.messageId());
			generator.writeName(APP_ID);
			generator.writeString(envelope.appId());
			generator.writeName(CHANNEL_ID);
			generator.writeString(envelope.channelId());
			generator.writeName(MESSAGE_TYPE);
			generator.writeString(TYPE_NAMES.get(envelope.messageType()));
			generator.writeName(PAYLOAD);
			generator.writeTree(envelope.payload());
			generator.writeName(TIMESTAMP);
			writeSeconds(generator, envelope.timestamp());
			generator.writeName(REPLY_TO);
			generator.writeString(envelope.replyTo());
			if (requestTimeout != null && requestTimeout.toMillis() >= 1) {
				generator.writeNumberProperty(DecodedFrame.TIMEOUT_FIELD, requestTimeout.toMillis());
			}
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * An encoded frame with its position added as the top-level keys {@code offset} and {@code epoch}, after the
	 * seven, for connections that asked for {@code offsets}. Appended to the bytes rather than encoded again, so
	 * that a publish is encoded once whatever its position.
	 * @param frame a frame this codec encoded: a JSON object with nothing after its closing brace
	 */
	public static byte[] withPosition(byte[] frame, StreamPosition position) {
		// the epoch is the server's own ASCII text; escaping it is only a safeguard
		byte[] suffix = (",\"" + StreamPosition.OFFSET_FIELD + "\":" + position.offset() + ",\""
				+ StreamPosition.EPOCH_FIELD + "\":\"" + new String(JSON_STRINGS.quoteAsCharArray(position.epoch()))
				+ "\"}").getBytes(StandardCharsets.US_ASCII);
		byte[] positioned = Arrays.copyOf(frame, frame.length - 1 + suffix.length);
		System.arraycopy(suffix, 0, positioned, frame.length - 1, suffix.length);
		return positioned;
	}

	/**
	 * Float seconds with microsecond precision and never an exponent, as Python's json.dumps writes them: the
	 * digits of the whole seconds, a point, six digits of microseconds (every frame has one, so no BigDecimal).
	 */
	private static void writeSeconds(JsonGenerator generator, double timestamp) {
		long micros = Math.round(timestamp * 1_000_000);
		if (micros < 0) {
			generator.writeNumber(BigDecimal.valueOf(micros, 6));
			return;
		}
		char[] digits = new char[27];
		int end = digits.length;
		long fraction = micros % 1_000_000;
		for (int i = 0; i < 6; i++) {
			digits[--end] = (char) ('0' + fraction % 10);
			fraction /= 10;
		}
		digits[--end] = '.';
		long whole = micros / 1_000_000;
		do {
			digits[--end] = (char) ('0' + whole % 10);
			whole /= 10;
		}
		while (whole > 0);
		generator.writeNumber(digits, end, digits.length - end);
	}

}
