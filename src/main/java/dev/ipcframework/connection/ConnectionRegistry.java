package dev.ipcframework.connection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The open connections, and those that completed their handshake by the id they chose and by application.
 */
public class ConnectionRegistry {

	private final Set<ConnectionHandle> open = ConcurrentHashMap.newKeySet();

	private final Map<String, ConnectionHandle> byId = new ConcurrentHashMap<>();

	private final Map<String, Set<ConnectionHandle>> byApp = new ConcurrentHashMap<>();

	private final ConnectionIdClaims claims;

	public ConnectionRegistry() {
		this(ConnectionIdClaims.LOCAL);
	}

	/** @param claims where ids are claimed beyond this server, so that they are unique among all its peers */
	public ConnectionRegistry(ConnectionIdClaims claims) {
		this.claims = claims;
	}

	/** A transport accepted the connection; it counts against the connection limit until it closes. */
	public void opened(ConnectionHandle connection) {
		this.open.add(connection);
	}

	/** Every open connection, with or without a completed handshake. */
	public List<ConnectionHandle> open() {
		return List.copyOf(this.open);
	}

	public int openCount() {
		return this.open.size();
	}

	/**
	 * Registers a connection under the id it asked for.
	 * @return {@code false} when a live connection already holds that id, here or on a peer; it is never taken over
	 */
	public boolean register(ConnectionHandle connection, String connectionId, String appId) {
		ConnectionHandle holder = this.byId.putIfAbsent(connectionId, connection);
		if (holder != null && holder != connection) {
			return false;
		}
		if (holder == null && !this.claims.claim(connectionId)) {
			this.byId.remove(connectionId, connection);
			return false;
		}
		connection.register(connectionId, appId);
		this.byApp.computeIfAbsent(appId, (app) -> ConcurrentHashMap.newKeySet()).add(connection);
		return true;
	}

	/** The connection closed: it leaves every index. */
	public void unregister(ConnectionHandle connection) {
		this.open.remove(connection);
		String id = connection.id();
		String appId = connection.appId();
		if (id != null && this.byId.remove(id, connection)) {
			this.claims.release(id);
			if (appId != null) {
				this.byApp.computeIfPresent(appId, (app, members) -> {
					members.remove(connection);
					return members.isEmpty() ? null : members;
				});
			}
		}
	}

	public @Nullable ConnectionHandle find(String connectionId) {
		return this.byId.get(connectionId);
	}

	public Collection<ConnectionHandle> all() {
		return List.copyOf(this.byId.values());
	}

	public List<ConnectionHandle> ofApp(String appId) {
		Set<ConnectionHandle> members = this.byApp.get(appId);
		return (members != null) ? List.copyOf(members) : List.of();
	}

	public int count() {
		return this.byId.size();
	}

}
