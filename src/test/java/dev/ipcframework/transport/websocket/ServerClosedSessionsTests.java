package dev.ipcframework.transport.websocket;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions the server closes, from whichever thread, leave nothing behind in the container. The server closes a
 * refused session from the thread that writes its last error, often while the container still handles the event
 * that read the refused message; the container must be the one to close the socket, once that event is over, or
 * it keeps the connection's processor (and may hand its channel to the next connection while still reading it).
 */
class ServerClosedSessionsTests extends IpcServerTest {

	private static final int SESSIONS = 150;

	@Autowired
	private ServletWebServerApplicationContext context;

	@Test
	void refusedSessionsAreClosedAndLeaveNoProcessorWithTheContainer() {
		int before = waitingProcessors();
		for (int i = 0; i < SESSIONS; i++) {
			// refused on its first message, as not connected, while the reading thread goes on reading
			RawClient refused = open(Transport.WEBSOCKET);
			refused.sendJson(RawClient.envelope(TestHandlers.APP, "news", "publish", Map.of()).toString());
			assertThat(refused.awaitClosed(Duration.ofSeconds(15))).as("refused session %d is closed", i).isTrue();
			refused.close();
		}

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(waitingProcessors()).as("processors the container keeps for connections")
				.isLessThanOrEqualTo(before));
	}

	private int waitingProcessors() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		return ((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler())
			.getWaitingProcessorCount();
	}

}
