package dev.ipcframework.transport.websocket;

import java.net.URI;
import java.util.Map;

import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.TlsServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket endpoint on an HTTPS port ({@code server.ssl.bundle}): the protocol over {@code wss://}.
 */
class WebSocketTlsTests extends TlsServerTest {

	private static final String APP = TestHandlers.APP;

	@Test
	void requestAndResponseOverWss() {
		RawClient client = openWss();
		client.connect(APP);

		JsonNode response = client.request("greet", Map.of("name", "Grace", "age", 85));

		assertThat(response.path("payload").path("text").asString()).isEqualTo("Hello, Grace");
	}

	@Test
	void publishReachesWssAndTlsSubscribersAlike() {
		RawClient wss = openWss();
		wss.connect(APP);
		RawClient tcps = openTls(certificates.trustingClient());
		tcps.connect(APP);
		for (RawClient subscriber : new RawClient[] { wss, tcps }) {
			subscriber.send("tls-weather", "subscribe", Map.of("connection_id", subscriber.connectionId()));
			subscriber.sync();
		}

		String publishId = wss.send("tls-weather", "publish", Map.of("sky", "clear"));

		for (RawClient subscriber : new RawClient[] { wss, tcps }) {
			JsonNode message = subscriber.await((frame) -> "publish".equals(frame.path("message_type").asString()));
			assertThat(message.path("message_id").asString()).isEqualTo(publishId);
			assertThat(message.path("payload").path("sky").asString()).isEqualTo("clear");
		}
	}

	@Test
	void plainWebSocketToTheHttpsPortIsRefused() {
		assertThatException().isThrownBy(() -> track(RawClient.websocket(URI.create("ws://localhost:" + this.httpPort
				+ "/ipc"))));
	}

}
