package dev.ipcframework.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * By default a browser page may open a WebSocket only from the server's own origin; clients that send no
 * {@code Origin} (not browsers) are unaffected. The operator's {@code config/application.yml} is left out: this is
 * about the default.
 */
@TestPropertySource(properties = "spring.config.location=optional:classpath:/")
class AllowedOriginsTests extends IpcServerTest {

	@Test
	void foreignOriginIsRefusedAtTheUpgrade() {
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Origin", "https://evil.example")
			.buildAsync(uri(), new WebSocket.Listener() {
			})
			.join()).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(refused) -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));
	}

	@Test
	void sameOriginIsAccepted() {
		RawClient client = track(RawClient.websocket(uri(), Map.of("Origin", "http://127.0.0.1:" + this.httpPort)));

		client.connect("origins");

		client.sync();
	}

	@Test
	void clientWithoutOriginIsAccepted() {
		RawClient client = track(RawClient.websocket(uri()));

		client.connect("origins");

		client.sync();
	}

	private URI uri() {
		return URI.create("ws://127.0.0.1:" + this.httpPort + "/ipc");
	}

}
