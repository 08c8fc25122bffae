package dev.ipcframework.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.connection.ConnectionHandle;

/**
 * Open connections per remote address, against a limit, so that one host cannot take every connection the server
 * may hold. Counts only the connections it admitted, each once, whatever closes them.
 */
final class ConnectionsPerAddress {

	private final int limit;

	private final Map<String, Integer> open = new ConcurrentHashMap<>();

	private final Map<ConnectionHandle, String> admitted = new ConcurrentHashMap<>();

	/** @param limit the most connections one address may have open; 0 for no limit */
	ConnectionsPerAddress(int limit) {
		this.limit = limit;
	}

	int limit() {
		return this.limit;
	}

	/** Counts the connection in, unless its address has as many open as it may. */
	boolean tryOpen(ConnectionHandle connection) {
		if (this.limit <= 0) {
			return true;
		}
		String address = connection.remoteHost();
		boolean[] admittedNow = new boolean[1];
		this.open.compute(address, (key, count) -> {
			int current = (count != null) ? count : 0;
			admittedNow[0] = current < this.limit;
			return admittedNow[0] ? current + 1 : count;
		});
		if (admittedNow[0]) {
			this.admitted.put(connection, address);
		}
		return admittedNow[0];
	}

	/** A connection closed: its address may open another. */
	void closed(ConnectionHandle connection) {
		String address = this.admitted.remove(connection);
		if (address != null) {
			this.open.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

}
