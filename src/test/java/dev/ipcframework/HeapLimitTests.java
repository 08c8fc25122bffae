package dev.ipcframework;

import java.time.Duration;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the heap is fuller after a garbage collection than {@code ipc.max-heap-percent}, new connections are refused
 * with {@code TOO_MANY_CONNECTIONS} and closed. The limit here is a thousandth of a percent, which every heap is
 * above after any collection.
 */
@TestPropertySource(properties = "ipc.max-heap-percent=0.001")
class HeapLimitTests extends IpcServerTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void newConnectionsAreRefusedWhileTheHeapIsShortOfRoom(Transport transport) {
		System.gc();

		// the collection's report reaches the server on a thread of the JVM's: connections are tried until it has
		JsonNode refusal = await().atMost(Duration.ofSeconds(10)).until(() -> firstAnswer(transport),
				(answer) -> answer.path("payload").has("error"));

		assertThat(refusal.path("channel_id").asString()).isEqualTo("system");
		assertThat(refusal.path("payload").path("error").path("code").asString()).isEqualTo("TOO_MANY_CONNECTIONS");
		assertThat(refusal.path("payload").path("error").path("message").asString()).contains("short of memory")
			.contains("the limit is 0.001%");
	}

	/** What the server answers a new connection's connect request: its greeting, or its refusal. */
	private JsonNode firstAnswer(Transport transport) {
		RawClient client = open(transport);
		JsonNode answer = client.firstAnswerToConnect("open");
		if (answer.path("payload").has("error")) {
			assertThat(client.awaitClosed(RawClient.TIMEOUT)).isTrue();
		}
		client.close();
		return answer;
	}

}
