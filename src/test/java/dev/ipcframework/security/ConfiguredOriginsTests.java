package dev.ipcframework.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ipc.websocket.allowed-origins} opens the WebSocket to the pages of the origins it names, and only those.
 */
@TestPropertySource(properties = "ipc.websocket.allowed-origins=https://*.example.com,http://127.0.0.1:[*]")
class ConfiguredOriginsTests extends IpcServerTest {

	@Test
	void namedOriginIsAccepted() {
		RawClient client = track(RawClient.websocket(uri(), Map.of("Origin", "https://app.example.com")));

		client.connect("origins");

		client.sync();
	}

	@Test
	void originOnAnyPortIsAccepted() {
		RawClient client = track(RawClient.websocket(uri(), Map.of("Origin", "http://127.0.0.1:5173")));

		client.connect("origins");

		client.sync();
	}

	@Test
	void otherOriginIsRefused() {
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Origin", "https://example.org")
			.buildAsync(uri(), new WebSocket.Listener() {
			})
			.join()).isInstanceOf(CompletionException.class);
	}

	private URI uri() {
		return URI.create("ws://127.0.0.1:" + this.httpPort + "/ipc");
	}

}
