package dev.ipcframework.transport.websocket;

import dev.ipcframework.testapp.TestIpcApplication;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat's limit on open connections is raised above {@code ipc.max-connections}, so that WebSocket clients past
 * Tomcat's default of 8,192 are not left waiting unanswered, unless {@code server.tomcat.max-connections} is set.
 */
class TomcatConnectionLimitTests {

	static int tomcatMaxConnections(ServletWebServerApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		return ((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getMaxConnections();
	}

	@Nested
	@SpringBootTest(classes = TestIpcApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "ipc.tcp.port=0", "ipc.max-connections=20000" })
	class Unset {

		@Autowired
		ServletWebServerApplicationContext context;

		@Test
		void tomcatTakesTheServicesConnectionsAndItsDefaultForHttpOnTop() {
			assertThat(tomcatMaxConnections(this.context)).isEqualTo(20000 + TomcatConnectionLimit.HTTP_CONNECTIONS);
		}

	}

	@Nested
	@SpringBootTest(classes = TestIpcApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "ipc.tcp.port=0", "ipc.max-connections=20000", "server.tomcat.max-connections=500" })
	class SetOnPurpose {

		@Autowired
		ServletWebServerApplicationContext context;

		@Test
		void theConfiguredLimitStands() {
			assertThat(tomcatMaxConnections(this.context)).isEqualTo(500);
		}

	}

}
