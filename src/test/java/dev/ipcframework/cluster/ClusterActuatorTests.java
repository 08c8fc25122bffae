package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ipcframework.testapp.TestIpcApplication;
import dev.ipcframework.testsupport.ActuatorClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster in Actuator: the {@code ipcCluster} health component and the {@code cluster} section of
 * {@code /actuator/ipc}; and a server without the cluster, which needs no Redis and reports none.
 */
class ClusterActuatorTests extends ClusterTest {

	@Test
	void healthHasAnIpcClusterComponentThatIsUpWithRedis() {
		ClusterTestNode a = node("node-a");

		JsonNode health = a.actuator().read("/actuator/health");

		assertThat(health.path("status").asString()).isEqualTo("UP");
		JsonNode cluster = health.path("components").path("ipcCluster");
		assertThat(cluster.path("status").asString()).isEqualTo("UP");
		assertThat(cluster.path("details").path("nodeId").asString()).isEqualTo("node-a");
		assertThat(health.path("components").has("redis")).as("Boot's own Redis indicator is off").isFalse();
	}

	@Test
	void theIpcEndpointListsTheNodesWithTheirConnections() {
		ClusterTestNode a = node("node-a");
		ClusterTestNode b = node("node-b");
		a.client(APP);
		b.client(APP);
		b.client(APP);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode cluster = a.actuator().read("/actuator/ipc").path("cluster");
			assertThat(cluster.path("node_id").asString()).isEqualTo("node-a");
			List<String> nodes = new ArrayList<>();
			cluster.path("nodes")
				.forEach((node) -> nodes.add(node.path("node_id").asString() + "=" + node.path("connections").asInt()));
			assertThat(nodes).containsExactly("node-a=1", "node-b=2");
		});
	}

	@Test
	void withoutTheClusterNoRedisIsNeededOrReported() {
		// nothing listens on this port: a server that tried Redis would fail or report it down
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestIpcApplication.class)
			.properties(Map.of("spring.config.location", "optional:classpath:/no-cluster-config/", "server.port", "0",
					"ipc.tcp.port", "0", "spring.data.redis.port", "1",
					"management.endpoints.web.exposure.include", "health,ipc",
					"management.endpoint.health.show-details", "always"))
			.run();
		try {
			ActuatorClient actuator = new ActuatorClient(
					((WebServerApplicationContext) context).getWebServer().getPort());
			JsonNode health = actuator.read("/actuator/health");
			assertThat(health.path("status").asString()).isEqualTo("UP");
			assertThat(health.path("components").has("ipcCluster")).isFalse();
			assertThat(health.path("components").has("redis")).isFalse();
			assertThat(actuator.read("/actuator/ipc").has("cluster")).isFalse();
			assertThat(context.getBeanNamesForType(ClusterNode.class)).isEmpty();
		}
		finally {
			context.close();
		}
	}

}
