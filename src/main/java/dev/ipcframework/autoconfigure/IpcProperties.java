package dev.ipcframework.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.OverflowPolicy;
import dev.ipcframework.transport.tcp.TcpIoMode;
import dev.ipcframework.transport.tcp.TlsClientAuth;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the IPC server, under {@code ipc.*}. Every property is listed in docs/configuration.md,
 * generated from these descriptions.
 *
 * @param tcp the TCP endpoint
 * @param websocket the WebSocket endpoint
 * @param apps which applications and channels exist
 * @param workers the threads that run handlers and write to sockets
 * @param connection limits that apply to each connection
 * @param shutdown how the server drains its clients when it stops
 * @param maxConnections the most connections open at once, handshake done or not; more get
 * {@code TOO_MANY_CONNECTIONS} and are closed
 * @param maxHeapPercent the share of the maximum heap, in percent, that may be in use after a garbage collection
 * for new connections to be admitted; above it they get {@code TOO_MANY_CONNECTIONS} and are closed, so that a
 * flood of connections cannot run the server out of memory. {@code 0} turns the check off
 * @param requests limits on requests
 * @param relay how requests reach clients that serve them
 * @param metrics the Micrometer meters
 */
@ConfigurationProperties("ipc")
public record IpcProperties(@DefaultValue Tcp tcp, @DefaultValue WebSocket websocket, @DefaultValue Apps apps,
		@DefaultValue Workers workers, @DefaultValue Connection connection, @DefaultValue Shutdown shutdown,
		@DefaultValue("10000") int maxConnections, @DefaultValue("90") double maxHeapPercent,
		@DefaultValue Requests requests, @DefaultValue Relay relay, @DefaultValue Metrics metrics) {

	/**
	 * The TCP endpoint.
	 *
	 * @param enabled whether to listen on TCP
	 * @param port the port; 0 picks a free one
	 * @param host the address to bind; empty binds every interface
	 * @param maxFrameSize the largest frame accepted; a longer one is refused from its header and the connection
	 * closed. Applies to WebSocket messages too unless {@code ipc.websocket.max-frame-size} is set
	 * @param frameTimeout how long a frame may take to arrive once its first byte has; a slower one closes the
	 * connection, so that a peer that starts a frame and stalls holds its buffer no longer; the same holds for a
	 * WebSocket message sent in parts. {@code 0} means no limit
	 * @param backlog connections the kernel queues for the server to accept (capped by the system's
	 * {@code net.core.somaxconn})
	 * @param ssl TLS on the TCP port
	 * @param ioMode how connections are read: {@code blocking} (a thread per connection, waiting on its socket),
	 * {@code nio} (one selector thread watches them all; a connection takes a pool thread only while a read of it
	 * runs, and an idle one holds no thread; plain TCP only) or {@code auto}: blocking where connections are read by
	 * virtual threads (Java 21 and later) or with TLS, nio otherwise
	 */
	public record Tcp(@DefaultValue("true") boolean enabled, @DefaultValue("8888") int port,
			@DefaultValue("") String host, @DefaultValue("1MB") DataSize maxFrameSize,
			@DefaultValue("10s") Duration frameTimeout, @DefaultValue("1024") int backlog, @DefaultValue Ssl ssl,
			@DefaultValue("auto") TcpIoMode ioMode) {
	}

	/**
	 * TLS on the TCP port.
	 *
	 * @param bundle the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>.*} or
	 * {@code spring.ssl.bundle.jks.<name>.*}); when set, the TCP port speaks TLS only, and a name that is not
	 * configured stops the start-up. Empty: plain TCP
	 * @param clientAuth whether clients must present a certificate that the bundle's trust store trusts:
	 * {@code none}, {@code want} (asked for, not required) or {@code need}
	 */
	public record Ssl(@Nullable String bundle, @DefaultValue("none") TlsClientAuth clientAuth) {
	}

	/**
	 * The WebSocket endpoint on the HTTP port.
	 *
	 * @param enabled whether to serve WebSocket clients
	 * @param path the endpoint's path
	 * @param allowedOrigins origin patterns (e.g. {@code https://*.example.com}, {@code http://localhost:[*]}) of the
	 * pages whose browsers may open a WebSocket; empty allows only the server's own origin, {@code *} every origin.
	 * A disallowed origin gets HTTP 403 at the upgrade. Clients that send no {@code Origin} header (not browsers) are
	 * always allowed
	 * @param maxFrameSize the largest message accepted; defaults to {@code ipc.tcp.max-frame-size}
	 * @param compression whether to accept the permessage-deflate extension that browsers and most WebSocket
	 * libraries offer. It compresses every message on its own: for envelopes of a few hundred bytes about ten times
	 * the server's CPU per message, and compressor state of 100 KB or more per connection, so it is off unless
	 * messages are large and links slow. On Tomcat, turning it on also hands the sessions to Tomcat's own WebSocket
	 * implementation, which costs more per message than the service's
	 */
	public record WebSocket(@DefaultValue("true") boolean enabled, @DefaultValue("/ipc") String path,
			@DefaultValue List<String> allowedOrigins, @Nullable DataSize maxFrameSize,
			@DefaultValue("false") boolean compression) {
	}

	/**
	 * Applications and channels.
	 *
	 * @param autoCreate create applications and channels on first use, as the original server did; when false,
	 * only those declared here or served by an {@code @IpcHandler} exist
	 * @param declared application ids mapped to their channel ids, e.g.
	 * {@code ipc.apps.declared.web_api: [users, orders]}
	 * @param overflowPolicy overflow policies of applications that differ from
	 * {@code ipc.connection.overflow-policy}, by application id, e.g. {@code ipc.apps.overflow-policy.market: drop-oldest}
	 * @param maxChannels the most channels one application may have at once; a message that would add one more
	 * is refused with {@code TOO_MANY_CHANNELS}. A channel that nothing holds (no subscriber, no serving client,
	 * no handler, not declared) is dropped, and no longer counts. It also bounds the channels of an application
	 * whose history is kept, in memory or, with the cluster on, in Redis: publishes to further channels are
	 * delivered but not kept
	 * @param maxChannelNameLength the longest channel id, in characters; a longer one is refused with
	 * {@code CHANNEL_NAME_TOO_LONG}
	 * @param maxAppIdLength the longest app id, in characters; a connect request with a longer one is refused with
	 * {@code APP_ID_TOO_LONG}
	 */
	public record Apps(@DefaultValue("true") boolean autoCreate, @DefaultValue Map<String, List<String>> declared,
			@DefaultValue Map<String, OverflowPolicy> overflowPolicy, @DefaultValue("10000") int maxChannels,
			@DefaultValue("256") int maxChannelNameLength, @DefaultValue("256") int maxAppIdLength) {
	}

	/**
	 * Thread pools. Handlers never run on I/O threads.
	 *
	 * @param handlerThreads threads that decode, route and run handlers of WebSocket connections whose messages are
	 * not handled on the container's thread that read them (other containers than Tomcat, virtual threads, or half
	 * of Tomcat's threads already running handlers; TCP connections use their own reading thread); each connection
	 * uses at most one at a time
	 * @param senderThreads platform threads that write queued frames to sockets; {@code 0} means one per core. One
	 * more is made for each write blocked on a peer that stopped reading, while it lasts. Not used with virtual
	 * threads
	 * @param schedulerThreads threads that run handshake, idle, write and request timeouts
	 * @param virtualThreads read TCP connections and write to every connection on virtual threads where the JVM
	 * has them (Java 21 and later); otherwise, and on Java 17, on platform threads
	 */
	public record Workers(@DefaultValue("64") int handlerThreads, @DefaultValue("0") int senderThreads,
			@DefaultValue("1") int schedulerThreads, @DefaultValue("true") boolean virtualThreads) {
	}

	/**
	 * Limits on requests.
	 *
	 * @param timeout the longest a request relayed to a serving client waits for its answer before the requester
	 * gets {@code TIMEOUT}; a request may ask for less with the top-level field {@code timeout_ms}
	 */
	public record Requests(@DefaultValue("30s") Duration timeout) {
	}

	/**
	 * Relaying requests to clients that serve a channel.
	 *
	 * @param preferRemote whether serving clients answer a channel's requests even when an {@code @IpcHandler}
	 * handles that channel; by default the local handler wins
	 * @param maxPending the most relayed requests awaiting an answer at once; more are refused with
	 * {@code RATE_LIMITED}
	 */
	public record Relay(@DefaultValue("false") boolean preferRemote, @DefaultValue("10000") int maxPending) {
	}

	/**
	 * Per-connection limits.
	 *
	 * @param sendBuffer bytes that may wait to be written to one connection
	 * @param overflowPolicy what happens when the send buffer is full: {@code disconnect} (send {@code SLOW_CONSUMER},
	 * then close) or {@code drop-oldest}
	 * @param writeTimeout how long a write may block on a peer that does not read before the connection is
	 * closed as a slow consumer
	 * @param stallTimeout how long a connection whose send buffer is congested may take no bytes at all and still
	 * hold back the publishers (and requesters) that fill it; after that it no longer slows them down, and is closed
	 * once its send buffer overflows or a write blocks for the write timeout
	 * @param handshakeTimeout how long a new connection may take to send a valid connect request, else it gets
	 * {@code TIMEOUT} and is closed; {@code 0} waits for ever. On a TLS TCP port the TLS handshake must finish within
	 * it too (else the connection is closed without a word)
	 * @param idleTimeout close a connection that sent nothing, and answered no server ping, for this long; the
	 * server pings after half of it. {@code 0} turns liveness checks off (clients of the original server that
	 * send no heartbeat would otherwise be closed)
	 * @param maxSubscriptions the most channels one connection may subscribe to; more get
	 * {@code TOO_MANY_SUBSCRIPTIONS}
	 * @param rateLimit messages per second one connection may send; more get {@code RATE_LIMITED}. {@code 0} means
	 * no limit
	 * @param rateBurst messages a connection may send at once above its rate; defaults to twice the rate
	 */
	public record Connection(@DefaultValue("1MB") DataSize sendBuffer,
			@DefaultValue("disconnect") OverflowPolicy overflowPolicy, @DefaultValue("10s") Duration writeTimeout,
			@DefaultValue("10s") Duration handshakeTimeout, @DefaultValue("0s") Duration idleTimeout,
			@DefaultValue("1000") int maxSubscriptions, @DefaultValue("0") int rateLimit,
			@DefaultValue("0") int rateBurst, @DefaultValue("2s") Duration stallTimeout) {
	}

	/**
	 * The drain on shutdown.
	 *
	 * @param timeout how long requests in flight may take to finish before connections close
	 * @param reconnectAfter the least delay clients are told to wait before reconnecting
	 * @param reconnectJitter the spread added to that delay, at random per client, so they don't return at once
	 */
	public record Shutdown(@DefaultValue("30s") Duration timeout, @DefaultValue("1s") Duration reconnectAfter,
			@DefaultValue("5s") Duration reconnectJitter) {
	}

	/**
	 * The Micrometer meters.
	 *
	 * @param channelTag tag message and handler meters with the channel too; off by default because clients
	 * choose channel names, and every name would become a time series
	 * @param maxChannelTags the most channel tag values kept when {@code channel-tag} is on; messages on further
	 * channels are counted only in the meters without the tag ({@code ipc.errors}, the byte counters,
	 * {@code /actuator/ipc})
	 */
	public record Metrics(@DefaultValue("false") boolean channelTag, @DefaultValue("100") int maxChannelTags) {
	}

	/** The WebSocket frame limit: its own if set, else the TCP one. */
	public int websocketMaxFrameBytes() {
		DataSize size = (this.websocket.maxFrameSize() != null) ? this.websocket.maxFrameSize()
				: this.tcp.maxFrameSize();
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

}
