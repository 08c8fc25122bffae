package dev.ipcframework.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The auto-configured {@link dev.ipcframework.client.IpcClient}, under {@code ipc.client.*}: set {@code url} and
 * {@code app-id} to get one. Every property is listed in docs/configuration.md.
 *
 * @param url {@code tcp://host:8888} or {@code ws://host:8080/ipc} ({@code tcps://}, {@code wss://} over TLS); no
 * client bean without it
 * @param appId the application to join; no client bean without it
 * @param connectionId the connection id, kept across reconnects; empty for a random one
 * @param requestTimeout the timeout of requests that name none
 * @param connectTimeout how long opening the socket and the handshake may take
 * @param pingInterval how often to ping the server; 0 turns the heartbeat off
 * @param retryInitialConnect whether the application starts while the server cannot be reached yet (the client
 * keeps trying in the background) rather than failing to start
 * @param reconnect how lost connections are re-established
 */
@ConfigurationProperties("ipc.client")
public record IpcClientProperties(@Nullable String url, @Nullable String appId, @Nullable String connectionId,
		@DefaultValue("10s") Duration requestTimeout, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("30s") Duration pingInterval, @DefaultValue("true") boolean retryInitialConnect,
		@DefaultValue Reconnect reconnect) {

	/**
	 * Reconnecting after a connection dropped.
	 *
	 * @param maxAttempts attempts before the client gives up and closes; -1 without limit, 0 never reconnect
	 * @param initialDelay the wait before the first attempt, doubled after every failed one
	 * @param maxDelay the longest wait between attempts, before jitter
	 * @param jitter the most random time added to each wait
	 */
	public record Reconnect(@DefaultValue("-1") int maxAttempts, @DefaultValue("100ms") Duration initialDelay,
			@DefaultValue("10s") Duration maxDelay, @DefaultValue("500ms") Duration jitter) {
	}

}
