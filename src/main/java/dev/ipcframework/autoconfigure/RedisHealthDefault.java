package dev.ipcframework.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring Boot's own {@code redis} health indicator off unless configured: the jar brings Spring Data Redis
 * for the cluster, and without the cluster that indicator would report DOWN for a Redis nobody uses. With the
 * cluster on, {@code ipcCluster} reports Redis. An application that uses Redis itself sets
 * {@code management.health.redis.enabled=true}.
 */
public class RedisHealthDefault implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("ipcRedisHealthDefault", Map.of("management.health.redis.enabled", "false")));
	}

}
