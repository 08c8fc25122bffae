package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ipcframework.cluster.ClusterRoutingTests.respond;
import static dev.ipcframework.cluster.ClusterRoutingTests.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that dies without leaving: a node in a JVM of its own is killed (SIGKILL) while it owes another node an
 * answer. The request fails with {@code RESPONDER_GONE} once its heartbeat key expires, not at the request's
 * timeout; the survivor forgets it; and its client reconnects to the survivor under its own connection id.
 */
class ClusterNodeDeathTests extends ClusterTest {

	/** The killed node's heartbeat: the survivor, a {@link ClusterTestNode}, beats every 200 ms. */
	private static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration HEARTBEAT = Duration.ofMillis(200);

	/** Room for a loaded machine (a CI run on two cores) beyond the node timeout and one heartbeat. */
	private static final Duration SLACK = Duration.ofMillis(1500);

	private final List<ClusterNodeProcess> processes = new ArrayList<>();

	private final List<RawClient> clientsOfProcesses = new ArrayList<>();

	@AfterEach
	void killProcesses() {
		this.clientsOfProcesses.forEach(RawClient::close);
		this.processes.forEach(ClusterNodeProcess::close);
	}

	@Test
	void aKilledNodeGivesResponderGoneIsForgottenAndItsClientMovesUnderItsOwnId() {
		ClusterTestNode survivor = node("node-a");
		ClusterNodeProcess doomed = process("node-b");
		await().atMost(Duration.ofSeconds(10)).until(() -> clusterNodes(survivor).contains("node-b"));
		RawClient requester = survivor.client(APP);
		RawClient responder = RawClient.tcp(doomed.tcpPort());
		this.clientsOfProcesses.add(responder);
		assertThat(handshakeAs(responder, "mover").path("payload").path("status").asString()).isEqualTo("connected");
		serve(responder, "work");
		ClusterRoutingTests.awaitServedBy(survivor, "work", "node-b");
		String requestId = requester.send("work", "request", Map.of());
		responder.await((frame) -> "request".equals(frame.path("message_type").asString()));

		long killedAt = System.nanoTime();
		doomed.kill();

		// the request's own timeout is ipc.requests.timeout (30 s): an answer well before it is the node's death
		JsonNode answer = requester.awaitResponse(requestId);
		Duration answeredAfter = Duration.ofNanos(System.nanoTime() - killedAt);
		assertThat(answer.path("payload").path("error").path("code").asString()).isEqualTo("RESPONDER_GONE");
		assertThat(answeredAfter).isLessThan(NODE_TIMEOUT.plus(HEARTBEAT).plus(SLACK));
		await().atMost(NODE_TIMEOUT.plus(HEARTBEAT).plus(SLACK))
			.until(() -> !clusterNodes(survivor).contains("node-b"));
		assertThat(clusterNodes(survivor)).containsExactly("node-a");

		RawClient moved = survivor.track(RawClient.tcp(survivor.tcpPort()));
		assertThat(handshakeAs(moved, "mover").path("payload").path("status").asString())
			.as("the dead node's claim on the id is taken over").isEqualTo("connected");
		serve(moved, "work");
		String again = requester.send("work", "request", Map.of());
		JsonNode forwarded = moved.await((frame) -> "request".equals(frame.path("message_type").asString()));
		respond(moved, forwarded, Map.of("done", true));
		assertThat(requester.awaitResponse(again).path("payload").path("done").asBoolean()).isTrue();
	}

	private ClusterNodeProcess process(String nodeId) {
		ClusterNodeProcess process = ClusterNodeProcess.start(nodeId, redis.port(), HEARTBEAT.toMillis() + "ms",
				NODE_TIMEOUT.toMillis() + "ms");
		this.processes.add(process);
		return process;
	}

	/** The node ids in the cluster section of the node's {@code /actuator/ipc}. */
	private static List<String> clusterNodes(ClusterTestNode node) {
		List<String> ids = new ArrayList<>();
		node.actuator().read("/actuator/ipc").path("cluster").path("nodes")
			.forEach((entry) -> ids.add(entry.path("node_id").asString()));
		return ids;
	}

	private static JsonNode handshakeAs(RawClient client, String connectionId) {
		return client.awaitResponse(client.send(APP, "system", "request",
				Map.of("action", "connect", "connection_id", connectionId)));
	}

}
