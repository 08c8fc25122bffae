package dev.ipcframework.dashboard;

import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the {@code ipc} endpoint read-only, the dashboard's feed stays and its actions are gone.
 */
@TestPropertySource(properties = "management.endpoint.ipc.access=read-only")
class ReadOnlyDashboardActionsTests extends IpcServerTest {

	@Test
	void actionsAreRefusedAndTheFeedStays() {
		RawClient client = connected(Transport.TCP, "watched");
		client.send("alerts", "subscribe", Map.of());
		client.sync();
		ActuatorClient http = new ActuatorClient(this.httpPort);

		assertThat(http.send("POST", "/actuator/ipc/channels/watched/alerts", "{}", null).statusCode())
			.isIn(404, 405);
		assertThat(http.send("DELETE", "/actuator/ipc/connections/" + client.connectionId(), null, null).statusCode())
			.isIn(404, 405);
		assertThat(client.isClosed()).isFalse();
		assertThat(http.send("GET", "/ipc/dashboard/state").statusCode()).isEqualTo(200);
	}

}
