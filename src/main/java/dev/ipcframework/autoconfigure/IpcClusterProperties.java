package dev.ipcframework.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Running several servers as one cluster joined through Redis, under {@code ipc.cluster.*}; Redis itself is
 * configured with Spring Boot's {@code spring.data.redis.*}. Every default is listed in the README's configuration
 * table.
 *
 * @param enabled join the cluster; off, the server is on its own and needs no Redis
 * @param nodeId this node's id, unique in the cluster; by default the host name and a random suffix
 * @param heartbeatInterval how often the node renews its heartbeat key and reads the other nodes'
 * @param nodeTimeout how long a heartbeat key lives: a node silent for that long is dead, and its requests get
 * {@code RESPONDER_GONE}
 * @param redisTimeout the longest a client's message waits for Redis (claiming a connection id at the handshake,
 * finding the node that answers a request) before the node goes on alone
 */
@ConfigurationProperties("ipc.cluster")
public record IpcClusterProperties(@DefaultValue("false") boolean enabled, @Nullable String nodeId,
		@DefaultValue("1s") Duration heartbeatInterval, @DefaultValue("5s") Duration nodeTimeout,
		@DefaultValue("2s") Duration redisTimeout) {

}
