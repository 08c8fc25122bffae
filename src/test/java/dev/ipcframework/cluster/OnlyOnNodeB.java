package dev.ipcframework.cluster;

import java.util.Map;

import dev.ipcframework.handler.IpcHandler;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An {@code @IpcHandler} that only the node started with this class has.
 */
@Configuration(proxyBeanMethods = false)
class OnlyOnNodeB {

	static final String CHANNEL = "only-on-b";

	@Bean
	Handler onlyOnNodeBHandler() {
		return new Handler();
	}

	static class Handler {

		@IpcHandler(app = ClusterTest.APP, channel = CHANNEL)
		Map<String, Object> answer(JsonNode payload) {
			return Map.of("answeredBy", "node-b", "echo", payload.path("text").asString());
		}

	}

}
