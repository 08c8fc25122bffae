package dev.ipcframework.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a message stands in the history of its channel: sent to connections that asked for {@code offsets} as the
 * top-level keys {@code offset} and {@code epoch}, and sent back by them as {@code since} to recover what they
 * missed.
 *
 * @param offset the message's number on its channel, 1 for the first; 0 stands before the first
 * @param epoch the channel history's identity: it changes whenever that history was lost, and offsets of
 * different epochs are unrelated. ASCII, as the server chooses it
 */
public record StreamPosition(long offset, String epoch) {

	/** The top-level key of a message's offset. */
	public static final String OFFSET_FIELD = "offset";

	/** The top-level key of a message's epoch. */
	public static final String EPOCH_FIELD = "epoch";

	/**
	 * Reads {@code {"offset": N, "epoch": "E"}}, liberally: anything else (missing, mistyped, a negative offset) is
	 * {@code null}, a position that recovers nothing.
	 */
	public static @Nullable StreamPosition from(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			return null;
		}
		JsonNode offset = node.get(OFFSET_FIELD);
		JsonNode epoch = node.get(EPOCH_FIELD);
		if (offset == null || !offset.isNumber() || !offset.canConvertToExactIntegral() || !offset.canConvertToLong()
				|| epoch == null || !epoch.isString() || offset.asLong() < 0) {
			return null;
		}
		return new StreamPosition(offset.asLong(), epoch.stringValue());
	}

	/** {@code {"offset": N, "epoch": "E"}}, the shape {@link #from} reads. */
	public ObjectNode toJson() {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put(OFFSET_FIELD, this.offset);
		node.put(EPOCH_FIELD, this.epoch);
		return node;
	}

}
