package dev.ipcframework.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of requests that clients serve for each other ({@code ipc.requests.*}, {@code ipc.relay.*}). Every
 * default is listed in the relay documentation's configuration table.
 *
 * @param requests limits on requests
 * @param relay how requests reach clients that serve them
 */
@ConfigurationProperties("ipc")
public record IpcRelayProperties(@DefaultValue Requests requests, @DefaultValue Relay relay) {

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
	 * @param timeoutThreads threads of the scheduler that times out relayed requests
	 */
	public record Relay(@DefaultValue("false") boolean preferRemote, @DefaultValue("10000") int maxPending,
			@DefaultValue("1") int timeoutThreads) {
	}

}
