package dev.ipcframework.client;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the protocol's error payload {@code {"error": {"code": ..., "message": ...}}}.
 */
final class ErrorPayloads {

	private ErrorPayloads() {
	}

	/** The exception an error payload stands for, or null when the payload is not an error. */
	static IpcClientException toException(JsonNode payload) {
		JsonNode error = payload.get("error");
		if (error == null || !error.isObject() || !error.path("code").isString()) {
			return null;
		}
		return new IpcClientException(error.path("code").asString(), error.path("message").asString(""));
	}

	static ObjectNode of(String code, String message) {
		ObjectNode error = JsonNodeFactory.instance.objectNode();
		error.put("code", code);
		error.put("message", message);
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.set("error", error);
		return payload;
	}

}
