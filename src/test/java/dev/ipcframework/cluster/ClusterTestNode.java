package dev.ipcframework.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ipcframework.testapp.TestIpcApplication;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.ListeningPort;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.RedisServerProcess;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * One node of a cluster under test: the test server in a Spring context of its own, on free ports, joined through
 * the given Redis, with short heartbeats. Reads no configuration file. Clients opened through it are closed with it.
 */
final class ClusterTestNode implements AutoCloseable {

	private final String nodeId;

	private final ConfigurableApplicationContext context;

	private final List<RawClient> clients = new ArrayList<>();

	private ClusterTestNode(String nodeId, ConfigurableApplicationContext context) {
		this.nodeId = nodeId;
		this.context = context;
	}

	static ClusterTestNode start(String nodeId, int redisPort, Class<?>... extraSources) {
		return start(nodeId, redisPort, Map.of(), extraSources);
	}

	/** @param extraProperties more properties, over the node's own */
	static ClusterTestNode start(String nodeId, int redisPort, Map<String, String> extraProperties,
			Class<?>... extraSources) {
		List<Class<?>> sources = new ArrayList<>(List.of(TestIpcApplication.class));
		sources.addAll(List.of(extraSources));
		Map<String, Object> properties = new HashMap<>(Map.ofEntries(Map.entry("spring.config.location", "optional:classpath:/no-cluster-config/"),
					Map.entry("server.port", "0"), Map.entry("ipc.tcp.port", "0"),
					Map.entry("ipc.cluster.enabled", "true"), Map.entry("ipc.cluster.node-id", nodeId),
					Map.entry("ipc.cluster.heartbeat-interval", "200ms"),
					Map.entry("ipc.cluster.node-timeout", "1s"), Map.entry("spring.data.redis.host", "127.0.0.1"),
					Map.entry("spring.data.redis.port", Integer.toString(redisPort)),
					Map.entry("ipc.shutdown.timeout", "2s"),
					Map.entry("management.endpoints.web.exposure.include", "health,ipc,metrics"),
					Map.entry("management.endpoint.health.show-details", "always")));
		properties.putAll(extraProperties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.properties(properties)
			.run();
		return new ClusterTestNode(nodeId, context);
	}

	static ClusterTestNode start(String nodeId, RedisServerProcess redis, Class<?>... extraSources) {
		return start(nodeId, redis.port(), extraSources);
	}

	String nodeId() {
		return this.nodeId;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	int tcpPort() {
		return ListeningPort.of(bean(AbstractServerConnectionFactory.class));
	}

	int httpPort() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	ActuatorClient actuator() {
		return new ActuatorClient(httpPort());
	}

	/** A TCP client past its handshake. */
	RawClient client(String app) {
		return connected(RawClient.tcp(tcpPort()), app);
	}

	/** A WebSocket client past its handshake. */
	RawClient websocketClient(String app) {
		return connected(RawClient.websocket(URI.create("ws://127.0.0.1:" + httpPort() + "/ipc")), app);
	}

	/** A TCP client that asks for this connection id in its handshake; returns the server's answer. */
	JsonNode handshakeAs(RawClient client, String app, String connectionId) {
		track(client);
		return client.awaitResponse(client.send(app, "system", "request",
				Map.of("action", "connect", "connection_id", connectionId)));
	}

	RawClient track(RawClient client) {
		synchronized (this.clients) {
			this.clients.add(client);
		}
		return client;
	}

	private RawClient connected(RawClient client, String app) {
		track(client);
		client.connect(app);
		return client;
	}

	boolean isRunning() {
		return this.context.isActive();
	}

	@Override
	public void close() {
		synchronized (this.clients) {
			this.clients.forEach(RawClient::close);
			this.clients.clear();
		}
		if (this.context.isActive()) {
			this.context.close();
		}
	}

}
