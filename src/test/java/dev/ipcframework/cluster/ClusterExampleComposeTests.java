package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/cluster/compose.yaml} and its HAProxy config hold together (no container engine runs the example
 * in the build): two nodes with the cluster on and distinct ids, both on the Redis service, health checks the start
 * order waits on, and a balancer that exposes both transports and knows both nodes.
 */
class ClusterExampleComposeTests {

	@Test
	void twoNodesWithTheClusterOnAndDistinctIdsShareTheRedisService() {
		List<String> nodes = ClusterExample.nodeServices();

		assertThat(nodes).hasSize(2);
		Set<String> ids = nodes.stream().map((node) -> properties(node).bind("ipc.cluster.node-id", String.class)
			.orElseThrow(() -> new AssertionError(node + " has no ipc.cluster.node-id"))).collect(Collectors.toSet());
		assertThat(ids).as("node ids").hasSize(2);
		for (String node : nodes) {
			Binder properties = properties(node);
			assertThat(properties.bind("ipc.cluster.enabled", Boolean.class).orElse(false)).as(node).isTrue();
			String redis = properties.bind("spring.data.redis.host", String.class).orElse("none");
			assertThat(ClusterExample.services()).as(node + "'s Redis host is a service").containsKey(redis);
			assertThat(dependsOn(node)).as(node).containsEntry(redis, "service_healthy");
			assertThat(healthCheck(node)).as(node).contains("/actuator/health");
			assertThat(DurationStyle.detectAndParse((String) ClusterExample.services().get(node).get("stop_grace_period")))
				.as(node + " may drain for ipc.shutdown.timeout (30s) before it is killed")
				.isGreaterThan(Duration.ofSeconds(30));
		}
		assertThat(nodes.stream().map((node) -> ClusterExample.services().get(node).get("image")).distinct())
			.as("one image").hasSize(1);
	}

	@Test
	void redisHasAHealthCheck() {
		String redis = (String) ClusterExample.environment(ClusterExample.nodeServices().get(0))
			.get("SPRING_DATA_REDIS_HOST");

		assertThat(healthCheck(redis)).contains("ping");
	}

	@Test
	void theBalancerExposesBothTransportsAndWaitsForHealthyNodes() {
		Map<String, Object> balancer = ClusterExample.services().get(balancer());

		assertThat(balancer.get("ports")).asList().containsExactlyInAnyOrder("8888:8888", "8080:8080");
		assertThat(balancer.get("volumes")).asList().anySatisfy((volume) -> assertThat((String) volume)
			.startsWith("./haproxy.cfg:"));
		for (String node : ClusterExample.nodeServices()) {
			assertThat(dependsOn(balancer())).containsEntry(node, "service_healthy");
		}
	}

	@Test
	void theBalancerConfigSendsBothTransportsToBothNodesWhileTheyAreReady() {
		String config = ClusterExample.haproxyConfig();

		assertThat(config).contains("bind :8080", "bind :8888", "mode http", "mode tcp");
		for (String node : ClusterExample.nodeServices()) {
			assertThat(config).contains("server " + node + " " + node + ":8080", "server " + node + " " + node + ":8888");
		}
		assertThat(config.split("option httpchk GET /actuator/health/readiness", -1))
			.as("a readiness check in each backend").hasSize(3);
		assertThat(config).as("no sticky sessions").doesNotContainPattern("(?m)^\\s*(cookie|stick|hash-type|balance source)");
	}

	/** The one service that publishes ports: the balancer. */
	private static String balancer() {
		List<String> published = ClusterExample.services().entrySet().stream()
			.filter((service) -> service.getValue().containsKey("ports")).map(Map.Entry::getKey).toList();
		assertThat(published).as("services that publish ports").hasSize(1);
		return published.get(0);
	}

	/** The node's environment read as Spring Boot reads the container's environment variables (the source name says so). */
	private static Binder properties(String service) {
		Map<String, Object> environment = new HashMap<>(ClusterExample.environment(service));
		environment.replaceAll((name, value) -> String.valueOf(value));
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource("compose-systemEnvironment", environment));
		return new Binder(ConfigurationPropertySources.from(sources));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> dependsOn(String service) {
		Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) ClusterExample.services()
			.get(service).get("depends_on");
		Map<String, String> conditions = new HashMap<>();
		dependsOn.forEach((name, condition) -> conditions.put(name, condition.get("condition")));
		return conditions;
	}

	@SuppressWarnings("unchecked")
	private static String healthCheck(String service) {
		Map<String, Object> healthCheck = (Map<String, Object>) ClusterExample.services().get(service).get("healthcheck");
		assertThat(healthCheck).as(service + " has a health check").isNotNull();
		return String.join(" ", (List<String>) healthCheck.get("test"));
	}

}
