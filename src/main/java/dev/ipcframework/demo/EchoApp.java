package dev.ipcframework.demo;

import dev.ipcframework.handler.IpcHandler;
import tools.jackson.databind.JsonNode;

/**
 * App {@code demo}, channel {@code echo}: answers every request with its payload. The target of
 * {@code ipc bench}'s request/response runs.
 */
public class EchoApp {

	public static final String APP = "demo";

	@IpcHandler(app = APP, channel = "echo")
	public JsonNode echo(JsonNode payload) {
		return payload;
	}

}
