package dev.ipcframework.security;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.PythonStyleClient;
import dev.ipcframework.testsupport.SecuredServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With authentication on, the Actuator: health is open, every other endpoint wants the operator's HTTP Basic
 * credentials, and an IPC client's token opens none of them. The dashboard page and an app with authentication
 * {@code none} stay as they were.
 */
class SecuredActuatorTests extends SecuredServerTest {

	private ActuatorClient actuator() {
		return new ActuatorClient(this.httpPort);
	}

	@Test
	void healthNeedsNoCredentials() {
		assertThat(actuator().send("GET", "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(actuator().send("GET", "/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void otherEndpointsWantBasicCredentials() {
		for (String path : new String[] { "/actuator/ipc", "/actuator/ipc/connections", "/actuator/metrics",
				"/actuator/prometheus", "/actuator" }) {
			HttpResponse<String> response = actuator().send("GET", path);
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Basic"));
		}
	}

	@Test
	void wrongPasswordIsRefused() {
		assertThat(actuator().get("/actuator/ipc", ActuatorClient.basic("operator", "guess")).statusCode())
			.isEqualTo(401);
	}

	@Test
	void clientTokenDoesNotOpenTheActuator() {
		String bearer = "Bearer " + token("ada", "*").sign();

		assertThat(actuator().get("/actuator/ipc", bearer).statusCode()).isEqualTo(401);
	}

	@Test
	void operatorReadsTheIpcEndpoint() {
		connected(Transport.TCP, "open").sync();

		HttpResponse<String> response = actuator().get("/actuator/ipc", ActuatorClient.basic("operator", "s3cret"));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode report = JsonMapper.builder().build().readTree(response.body());
		assertThat(report.path("totals").isObject()).isTrue();
	}

	@Test
	void dashboardPageStaysOpen() {
		assertThat(actuator().send("GET", "/ipc/dashboard/").statusCode()).isEqualTo(200);
	}

	@Test
	void originalClientWorksInAnAppWithAuthNone() throws Exception {
		PythonStyleClient python = new PythonStyleClient(open(Transport.TCP), "open");
		python.serve("double", (payload) -> Map.of("twice", payload.path("n").asInt() * 2)).get(10, TimeUnit.SECONDS);

		JsonNode answer = python.request("double", Map.of("n", 21)).get(10, TimeUnit.SECONDS);

		assertThat(answer.path("payload").path("twice").asInt()).isEqualTo(42);
	}

}
