package dev.ipcframework.cluster;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.cli.IpcCommand;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.stats.StatisticsCollector;
import dev.ipcframework.testsupport.ActuatorClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example cluster of {@code examples/cluster/} without containers: its two nodes (as {@link ClusterTestNode}s,
 * with the compose file's node ids) and Redis on free ports, and its HAProxy config, moved onto free loopback
 * ports, run by a real {@code haproxy} (the Debian package; skipped, saying so, where it is not installed). The
 * example README's check runs through the balancer: {@code ipc subscribe} over WebSocket, {@code ipc publish} over
 * TCP, round-robin putting the publishes on both nodes, and the cluster section of {@code /actuator/ipc}.
 */
class ClusterExampleBalancerTests extends ClusterTest {

	private final Map<String, ClusterTestNode> nodes = new LinkedHashMap<>();

	private final List<Process> balancers = new ArrayList<>();

	private int httpPort;

	private int tcpPort;

	/** The balancer's config and output, kept for a look after a failure. */
	private final Path directory = Path.of("target", "cluster-example");

	@BeforeEach
	void startTheExample() throws IOException {
		Assumptions.assumeTrue(isOnPath("haproxy"),
				"haproxy is not installed (Debian: apt-get install haproxy): the example's balancer is not run");
		for (String nodeId : ClusterExample.nodeServices()) {
			this.nodes.put(nodeId, node(nodeId));
		}
		awaitNodes(this.nodes.values().toArray(ClusterTestNode[]::new));
		this.httpPort = freePort();
		this.tcpPort = freePort();
		Files.createDirectories(this.directory);
		Path config = this.directory.resolve("haproxy.cfg");
		Files.writeString(config, ClusterExample.haproxyConfig(this.httpPort, this.tcpPort, this.nodes));
		Process balancer = new ProcessBuilder("haproxy", "-db", "-f", config.toString()).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("haproxy.log").toFile())
			.start();
		this.balancers.add(balancer);
		ActuatorClient throughTheBalancer = new ActuatorClient(this.httpPort);
		await().atMost(Duration.ofSeconds(10))
			.failFast("haproxy exited: see " + this.directory.resolve("haproxy.log"), () -> !balancer.isAlive())
			.ignoreExceptions()
			.until(() -> throughTheBalancer.send("GET", "/actuator/health").statusCode() == 200);
	}

	@AfterEach
	void stopTheBalancer() throws InterruptedException {
		for (Process balancer : this.balancers) {
			balancer.destroy();
			if (!balancer.waitFor(5, TimeUnit.SECONDS)) {
				balancer.destroyForcibly();
			}
		}
	}

	@Test
	void aSubscriberAndPublishersThroughTheBalancerMeetAcrossNodes() throws Exception {
		StringWriter subscriberOut = new StringWriter();
		StringWriter subscriberErr = new StringWriter();
		CompletableFuture<Integer> subscriber = CompletableFuture.supplyAsync(() -> ipc(subscriberOut, subscriberErr)
			.execute("subscribe", "market", "prices", "-n", "2", "-u", "ws://127.0.0.1:" + this.httpPort + "/ipc"));
		await().atMost(Duration.ofSeconds(20)).until(() -> subscriberErr.toString().contains("subscribed to market/prices"));

		for (String price : new String[] { "3", "4" }) {
			StringWriter err = new StringWriter();
			assertThat(ipc(new StringWriter(), err).execute("publish", "market", "prices",
					"{\"item\":\"tea\",\"price\":" + price + "}", "-u", "tcp://127.0.0.1:" + this.tcpPort))
				.as(err.toString()).isZero();
		}

		assertThat(subscriber.get(20, TimeUnit.SECONDS)).as(subscriberErr.toString()).isZero();
		assertThat(subscriberOut.toString().strip().split("\n")).satisfiesExactly(
				(first) -> assertThat(first).contains("\"price\":3"), (second) -> assertThat(second).contains("\"price\":4"));
		for (ClusterTestNode node : this.nodes.values()) {
			assertThat(node.bean(StatisticsCollector.class).connectionsOpened(Transport.TCP))
				.as("publishes that reached " + node.nodeId() + " through the balancer").isEqualTo(1);
		}
		assertThat(this.nodes.values().stream()
			.mapToLong((node) -> node.bean(StatisticsCollector.class).connectionsOpened(Transport.WEBSOCKET))
			.sum()).as("the subscriber, on one node").isEqualTo(1);
	}

	@Test
	void theIpcEndpointThroughTheBalancerListsBothNodes() {
		ActuatorClient throughTheBalancer = new ActuatorClient(this.httpPort);

		JsonNode cluster = throughTheBalancer.read("/actuator/ipc").path("cluster");

		List<String> nodeIds = new ArrayList<>();
		cluster.path("nodes").forEach((node) -> nodeIds.add(node.path("node_id").asString()));
		assertThat(nodeIds).containsExactlyElementsOf(this.nodes.keySet());
		assertThat(this.nodes).containsKey(cluster.path("node_id").asString());
	}

	private static CommandLine ipc(StringWriter out, StringWriter err) {
		CommandLine commandLine = IpcCommand.commandLine();
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		return commandLine;
	}

	private static boolean isOnPath(String binary) {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				if (new File(directory, binary).canExecute()) {
					return true;
				}
			}
		}
		return false;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
