package dev.ipcframework.security;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.SecuredServerTest;
import dev.ipcframework.testsupport.ServerSentEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With authentication on, the dashboard page stays open but its feed and its actions want the Actuator's HTTP Basic
 * credentials, as the {@code ipc} endpoint does.
 */
class SecuredDashboardTests extends SecuredServerTest {

	private static final String OPERATOR = ActuatorClient.basic("operator", "s3cret");

	private ActuatorClient actuator() {
		return new ActuatorClient(this.httpPort);
	}

	@Test
	void feedWantsCredentials() {
		assertThat(actuator().send("GET", "/ipc/dashboard/state").statusCode()).isEqualTo(401);
		try (ServerSentEvents anonymous = stream(Map.of())) {
			assertThat(anonymous.response().statusCode()).isEqualTo(401);
			assertThat(anonymous.response().headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
		}
		try (ServerSentEvents operator = stream(Map.of("Authorization", OPERATOR))) {
			assertThat(operator.response().statusCode()).isEqualTo(200);
			operator.await("history", Duration.ofSeconds(15));
		}
		assertThat(actuator().get("/ipc/dashboard/state", OPERATOR).statusCode()).isEqualTo(200);
		assertThat(actuator().send("GET", "/ipc/dashboard/").statusCode()).isEqualTo(200);
	}

	@Test
	void actionsWantCredentials() {
		RawClient subscriber = connected(Transport.TCP, "open");
		subscriber.send("alerts", "subscribe", Map.of());
		subscriber.sync();
		String channel = "/actuator/ipc/channels/open/alerts";
		String connection = "/actuator/ipc/connections/" + subscriber.connectionId();

		assertThat(actuator().send("POST", channel, "{}", null).statusCode()).isEqualTo(401);
		assertThat(actuator().send("DELETE", connection, null, null).statusCode()).isEqualTo(401);
		assertThat(actuator().send("POST", channel, "{}", ActuatorClient.basic("operator", "guess")).statusCode())
			.isEqualTo(401);
		assertThat(subscriber.isClosed()).isFalse();

		assertThat(actuator().send("POST", channel, "{}", OPERATOR).statusCode()).isEqualTo(200);
		assertThat(actuator().send("DELETE", connection, null, OPERATOR).statusCode()).isEqualTo(200);
		assertThat(subscriber.awaitClosed(Duration.ofSeconds(10))).isTrue();
	}

	private ServerSentEvents stream(Map<String, String> headers) {
		return ServerSentEvents.open(URI.create("http://127.0.0.1:" + this.httpPort + "/ipc/dashboard/events"),
				headers);
	}

}
