package dev.ipcframework.connection;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How much may wait in one connection's send buffer, and what happens when it is full, by application.
 *
 * @param sendBufferBytes bytes that may be queued for one connection
 * @param defaultPolicy the overflow policy of applications without one of their own
 * @param policyByApp overflow policies by application id
 * @param stallTimeout how long a connection whose send buffer is congested may take no bytes at all and still
 * hold back the connections that fill it
 */
public record OutboundLimits(long sendBufferBytes, OverflowPolicy defaultPolicy,
		Map<String, OverflowPolicy> policyByApp, Duration stallTimeout) {

	public OverflowPolicy policyFor(@Nullable String appId) {
		return (appId != null) ? this.policyByApp.getOrDefault(appId, this.defaultPolicy) : this.defaultPolicy;
	}

}
