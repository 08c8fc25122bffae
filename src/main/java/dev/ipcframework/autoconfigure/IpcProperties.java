package dev.ipcframework.autoconfigure;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the IPC server, under {@code ipc.*}. Every default is listed in the README's configuration table.
 *
 * @param tcp the TCP endpoint
 * @param websocket the WebSocket endpoint
 * @param apps which applications and channels exist
 * @param workers the threads that run handlers and write to sockets
 * @param connection limits that apply to each connection
 * @param metrics the Micrometer meters
 */
@ConfigurationProperties("ipc")
public record IpcProperties(@DefaultValue Tcp tcp, @DefaultValue WebSocket websocket, @DefaultValue Apps apps,
		@DefaultValue Workers workers, @DefaultValue Connection connection, @DefaultValue Metrics metrics) {

	/**
	 * The TCP endpoint.
	 *
	 * @param enabled whether to listen on TCP
	 * @param port the port; 0 picks a free one
	 * @param host the address to bind; empty binds every interface
	 * @param maxFrameSize the largest frame accepted; a longer one is refused from its header and the connection
	 * closed. Applies to WebSocket messages too unless {@code ipc.websocket.max-frame-size} is set
	 * @param assemblerThreads the most threads assembling frames from partial reads at once
	 */
	public record Tcp(@DefaultValue("true") boolean enabled, @DefaultValue("8888") int port,
			@DefaultValue("") String host, @DefaultValue("1MB") DataSize maxFrameSize,
			@DefaultValue("64") int assemblerThreads) {
	}

	/**
	 * The WebSocket endpoint on the HTTP port.
	 *
	 * @param enabled whether to serve WebSocket clients
	 * @param path the endpoint's path
	 * @param allowedOrigins origins allowed to open a WebSocket from a browser
	 * @param maxFrameSize the largest message accepted; defaults to {@code ipc.tcp.max-frame-size}
	 */
	public record WebSocket(@DefaultValue("true") boolean enabled, @DefaultValue("/ipc") String path,
			@DefaultValue("*") List<String> allowedOrigins, @Nullable DataSize maxFrameSize) {
	}

	/**
	 * Applications and channels.
	 *
	 * @param autoCreate create applications and channels on first use, as the original server did; when false,
	 * only those declared here or served by an {@code @IpcHandler} exist
	 * @param declared application ids mapped to their channel ids
	 */
	public record Apps(@DefaultValue("true") boolean autoCreate, @DefaultValue Map<String, List<String>> declared) {
	}

	/**
	 * Thread pools. Handlers never run on I/O threads.
	 *
	 * @param handlerThreads threads that decode, route and run handlers; each connection uses at most one at a time
	 * @param senderThreads threads that write queued frames to sockets
	 */
	public record Workers(@DefaultValue("64") int handlerThreads, @DefaultValue("8") int senderThreads) {
	}

	/**
	 * Per-connection limits.
	 *
	 * @param sendBuffer bytes that may wait to be written to one connection; a connection that lets more pile up
	 * is closed as a slow consumer
	 */
	public record Connection(@DefaultValue("1MB") DataSize sendBuffer) {
	}

	/**
	 * The Micrometer meters.
	 *
	 * @param channelTag tag message and handler meters with the channel too; off by default because clients
	 * choose channel names, and every name would become a time series
	 * @param maxChannelTags the most channel tag values kept when {@code channel-tag} is on; meters for further
	 * channels are not registered
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
