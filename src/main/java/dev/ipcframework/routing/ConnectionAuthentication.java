package dev.ipcframework.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.security.AuthMode;
import dev.ipcframework.security.HandshakeAuthenticator;
import dev.ipcframework.security.IpcPrincipal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives a connection its principal: at the handshake, from the connect request's {@code payload.token} or else the
 * token its transport received; and again on a {@code system} request {@code {"action":"refresh","token":…}}.
 * A connection whose token expires is closed with {@code UNAUTHORIZED}.
 */
public class ConnectionAuthentication {

	static final String REFRESH = "refresh";

	private static final String TOKEN = "token";

	private final HandshakeAuthenticator authenticator;

	private final ReplySender replies;

	private final ScheduledExecutorService scheduler;

	/** Expiry checks of open connections, cancelled when a connection closes or gets a new token. */
	private final Map<ConnectionHandle, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();

	private final FailedAuthentications failures;

	public ConnectionAuthentication(HandshakeAuthenticator authenticator, ReplySender replies,
			ScheduledExecutorService scheduler) {
		this(authenticator, replies, scheduler, Duration.ZERO);
	}

	/**
	 * @param maxFailureDelay the longest a refused connect request waits for its answer once its address has failed
	 * repeatedly; zero answers every refusal at once
	 */
	public ConnectionAuthentication(HandshakeAuthenticator authenticator, ReplySender replies,
			ScheduledExecutorService scheduler, Duration maxFailureDelay) {
		this.authenticator = authenticator;
		this.replies = replies;
		this.scheduler = scheduler;
		this.failures = new FailedAuthentications(maxFailureDelay);
	}

	/**
	 * Authenticates a connect request, before the connection is registered.
	 * @throws IpcException {@code UNAUTHORIZED} when the connection may not join the app
	 */
	void connect(ConnectionHandle connection, IpcEnvelope connect) {
		String token = token(connect.payload());
		IpcPrincipal principal = this.authenticator.authenticate(connect.appId(),
				(token != null) ? token : connection.transportToken());
		connection.transportToken(null);
		connection.principal(principal);
	}

	/**
	 * Refuses a connect request whose credentials were not accepted, and closes the connection: at once, or, when
	 * its address failed repeatedly of late, after a delay that grows with each failure. Meanwhile the connection's
	 * further frames are dropped, so it cannot try again sooner.
	 */
	void refuse(ConnectionHandle connection, IpcEnvelope connect, IpcError error) {
		Duration delay = this.failures.failed(connection.remoteHost());
		if (delay.isZero()) {
			this.replies.fatal(connection, connect, error);
			return;
		}
		connection.stopHandling();
		this.scheduler.schedule(() -> connection.inbound().execute(() -> this.replies.fatal(connection, connect, error)),
				delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The connection is registered: its token's expiry starts to be watched. */
	void connected(ConnectionHandle connection) {
		watchExpiry(connection, connection.principal());
	}

	/** Answers {@code {"action":"refresh","token":…}}: the connection goes on with the new token's principal. */
	void refresh(ConnectionHandle connection, IpcEnvelope request) {
		String appId = connection.appId();
		String token = token(request.payload());
		if (token == null || token.isEmpty()) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "'refresh' needs a string field 'token'");
		}
		if (appId == null || this.authenticator.mode(appId) == AuthMode.NONE) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "app '" + appId + "' does not use tokens");
		}
		// a refused token leaves the connection as it was: the old one still holds until it expires
		IpcPrincipal principal = this.authenticator.authenticate(appId, token);
		connection.principal(principal);
		watchExpiry(connection, principal);
		ObjectNode answer = JsonNodeFactory.instance.objectNode();
		answer.put("status", "refreshed");
		answer.put("principal", (principal != null) ? principal.name() : null);
		Instant expiresAt = (principal != null) ? principal.expiresAt() : null;
		if (expiresAt != null) {
			answer.put("expires_at", expiresAt.toEpochMilli() / 1000.0);
		}
		else {
			answer.putNull("expires_at");
		}
		this.replies.send(connection, request.respond(answer));
	}

	/** The connection closed: nothing is left to watch. */
	public void closed(ConnectionHandle connection) {
		ScheduledFuture<?> expiry = this.expiries.remove(connection);
		if (expiry != null) {
			expiry.cancel(false);
		}
	}

	private void watchExpiry(ConnectionHandle connection, @Nullable IpcPrincipal principal) {
		closed(connection);
		Instant expiresAt = (principal != null) ? principal.expiresAt() : null;
		if (expiresAt == null) {
			return;
		}
		long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
		this.expiries.put(connection, this.scheduler.schedule(
				() -> connection.inbound().execute(() -> expire(connection, principal)), delay, TimeUnit.MILLISECONDS));
	}

	private void expire(ConnectionHandle connection, IpcPrincipal principal) {
		// in the connection's order: a refresh handled before this replaced the principal, and this has nothing to do
		if (connection.principal() != principal || !connection.isOpen()) {
			return;
		}
		this.expiries.remove(connection);
		this.replies.fatal(connection, null, new IpcError(IpcErrorCode.UNAUTHORIZED, "token expired"));
	}

	private static @Nullable String token(JsonNode payload) {
		JsonNode token = payload.get(TOKEN);
		if (token == null || token.isNull()) {
			return null;
		}
		if (!token.isString()) {
			throw new IpcException(IpcErrorCode.UNAUTHORIZED, "payload field 'token' must be a string");
		}
		return token.stringValue();
	}

}
