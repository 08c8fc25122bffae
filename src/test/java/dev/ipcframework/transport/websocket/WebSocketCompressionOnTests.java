package dev.ipcframework.transport.websocket;

import java.io.IOException;

import dev.ipcframework.testsupport.IpcServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code ipc.websocket.compression} on, the container's permessage-deflate is agreed to. */
@TestPropertySource(properties = "ipc.websocket.compression=true")
class WebSocketCompressionOnTests extends IpcServerTest {

	@Test
	void theExtensionBrowsersOfferIsAccepted() throws IOException {
		String response = WebSocketCompressionTests.upgrade(this.httpPort);

		assertThat(response).startsWith("HTTP/1.1 101");
		assertThat(response.toLowerCase()).contains("sec-websocket-extensions: permessage-deflate");
	}

}
