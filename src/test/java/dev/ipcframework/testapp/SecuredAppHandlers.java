package dev.ipcframework.testapp;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.ipcframework.handler.IpcHandler;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.security.IpcPrincipal;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Handlers of app {@code alpha}, which the security tests protect: who called, and what arrived.
 */
@Component
public class SecuredAppHandlers {

	public static final String APP = "alpha";

	/** Notifications and publishes that reached a handler, for tests to assert on. */
	public final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	@IpcHandler(app = APP, channel = "whoami")
	public Map<String, Object> whoAmI(IpcPrincipal principal) {
		return Map.of("name", (principal != null) ? principal.name() : "(none)");
	}

	@IpcHandler(app = APP, channel = "echo")
	public JsonNode echo(JsonNode payload) {
		return payload;
	}

	@IpcHandler(app = APP, channel = "events", type = MessageType.NOTIFICATION)
	public void onEvent(JsonNode payload) {
		this.received.add(payload);
	}

	@IpcHandler(app = APP, channel = "news.wire", type = MessageType.PUBLISH)
	public void onPublish(JsonNode payload) {
		this.received.add(payload);
	}

}
