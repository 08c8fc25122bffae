package dev.ipcframework.protocol;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error as sent to a client: a code and a human-readable message.
 */
public record IpcError(IpcErrorCode code, String message) {

	/** The payload shape of docs/protocol.md, "Errors": {@code {"error": {"code": ..., "message": ...}}}. */
	public JsonNode toPayload() {
		ObjectNode error = JsonNodeFactory.instance.objectNode();
		error.put("code", this.code.name());
		error.put("message", this.message);
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.set("error", error);
		return payload;
	}

}
