package dev.ipcframework.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

/**
 * The top-level fields of one frame, read in a single pass of the parser: only the payload becomes a tree, the
 * other fields are kept as the values they are (or, when mistyped, as the JSON type they had, for the error).
 * Validation is left to the codec, after the whole object was read, so a later duplicate of a key wins as it does
 * in a tree, and an error can name the message id and channel wherever they stood in the object.
 */
final class FrameFields {

	/** A string field's value: a {@code String}, a {@link JsonNodeType} when it had another type, or null. */
	@Nullable Object messageId;

	@Nullable Object appId;

	@Nullable Object channelId;

	@Nullable Object messageType;

	@Nullable Object replyTo;

	/** A {@code Number}, a {@link JsonNodeType} when it had another type, or null. */
	@Nullable Object timestamp;

	@Nullable Number requestTimeout;

	@Nullable JsonNode payload;

	/** {@code offset}: a {@code Number}, or null when absent or of another type. */
	@Nullable Number offset;

	/** {@code epoch}: a {@code String}, or null when absent or of another type. */
	@Nullable String epoch;

	/**
	 * Reads the object the parser stands at the start of, up to its end.
	 * @param readTree reads the value the parser stands at as a tree
	 */
	static FrameFields read(JsonParser parser, java.util.function.Function<JsonParser, JsonNode> readTree) {
		FrameFields fields = new FrameFields();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken token = parser.nextToken();
			switch (name) {
				case "message_id" -> fields.messageId = stringOrType(parser, token);
				case "app_id" -> fields.appId = stringOrType(parser, token);
				case "channel_id" -> fields.channelId = stringOrType(parser, token);
				case "message_type" -> fields.messageType = stringOrType(parser, token);
				case "reply_to" -> fields.replyTo = stringOrType(parser, token);
				case "timestamp" -> fields.timestamp = numberOrType(parser, token);
				case "payload" -> fields.payload = readTree.apply(parser);
				case DecodedFrame.TIMEOUT_FIELD ->
					fields.requestTimeout = (numberOrType(parser, token) instanceof Number number) ? number : null;
				case StreamPosition.OFFSET_FIELD ->
					fields.offset = (numberOrType(parser, token) instanceof Number number) ? number : null;
				case StreamPosition.EPOCH_FIELD ->
					fields.epoch = (stringOrType(parser, token) instanceof String epoch) ? epoch : null;
				default -> parser.skipChildren();
			}
		}
		return fields;
	}

	private static @Nullable Object stringOrType(JsonParser parser, JsonToken token) {
		return switch (token) {
			case VALUE_STRING -> parser.getString();
			case VALUE_NULL -> null;
			default -> typeOf(parser, token);
		};
	}

	private static @Nullable Object numberOrType(JsonParser parser, JsonToken token) {
		return switch (token) {
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
			case VALUE_NULL -> null;
			default -> typeOf(parser, token);
		};
	}

	/** The tree type a mistyped value would have had; its contents are skipped. */
	private static JsonNodeType typeOf(JsonParser parser, JsonToken token) {
		parser.skipChildren();
		return switch (token) {
			case START_OBJECT -> JsonNodeType.OBJECT;
			case START_ARRAY -> JsonNodeType.ARRAY;
			case VALUE_TRUE, VALUE_FALSE -> JsonNodeType.BOOLEAN;
			case VALUE_STRING -> JsonNodeType.STRING;
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonNodeType.NUMBER;
			default -> JsonNodeType.POJO;
		};
	}

}
