package dev.ipcframework.protocol;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Converts between payload trees and the application's own types, with the application's Jackson settings.
 */
public class PayloadConverter {

	private final JsonMapper mapper;

	public PayloadConverter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** A payload tree for any value; {@code null} becomes JSON null. */
	public JsonNode toPayload(@Nullable Object value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		return this.mapper.valueToTree(value);
	}

	/**
	 * The payload as the given type. A {@link String} target takes a JSON string's text, or any other value's
	 * JSON text.
	 * @throws tools.jackson.core.JacksonException when the payload does not fit the type
	 */
	public @Nullable Object fromPayload(JsonNode payload, Type targetType) {
		if (targetType == String.class) {
			return payload.isString() ? payload.stringValue() : (payload.isNull() ? null : payload.toString());
		}
		JavaType javaType = this.mapper.getTypeFactory().constructType(targetType);
		return this.mapper.treeToValue(payload, javaType);
	}

}
