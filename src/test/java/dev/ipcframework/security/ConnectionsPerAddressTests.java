package dev.ipcframework.security;

import java.util.ArrayList;
import java.util.List;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.SecuredServerTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One remote address may hold only so many connections, over both transports; the others are untouched, and a
 * closed connection makes room.
 */
@TestPropertySource(properties = "ipc.security.max-connections-per-address=3")
class ConnectionsPerAddressTests extends SecuredServerTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anAddressMayHoldOnlySoManyConnections(Transport transport) {
		// connections of an earlier test may still be closing on the server: room for three is waited for
		List<RawClient> admitted = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			admitted.add(awaitAdmitted(transport));
		}
		RawClient fourth = open(transport);

		JsonNode refusal = fourth.next();

		assertThat(refusal.path("payload").path("error").path("code").asString()).isEqualTo("TOO_MANY_CONNECTIONS");
		assertThat(refusal.path("payload").path("error").path("message").asString()).contains("this address");
		assertThat(fourth.awaitClosed(RawClient.TIMEOUT)).isTrue();
		assertThat(admitted.get(0).sync().path("payload").path("status").asString()).isEqualTo("pong");
		admitted.get(0).close();
		RawClient again = awaitAdmitted(transport);
		assertThat(again.sync().path("payload").path("status").asString()).isEqualTo("pong");
		admitted.subList(1, 3).forEach(RawClient::close);
		again.close();
	}

	private RawClient awaitAdmitted(Transport transport) {
		long deadline = System.nanoTime() + RawClient.TIMEOUT.toNanos();
		while (true) {
			RawClient client = open(transport);
			// a refused connection hears about it before any handshake: its first frame tells
			JsonNode answer = client.firstAnswerToConnect("open");
			if (!answer.path("payload").has("error")) {
				client.connect("open");
				return client;
			}
			assertThat(answer.path("payload").path("error").path("code").asString())
				.isEqualTo("TOO_MANY_CONNECTIONS");
			client.close();
			assertThat(System.nanoTime()).as("a closed connection made room in time").isLessThan(deadline);
		}
	}

}
