package dev.ipcframework.connection;

/**
 * Where connection ids are held beyond this server: a connection id must be unique among every server that shares
 * the clients, not only among this server's connections. The default claims nothing outside this server.
 */
public interface ConnectionIdClaims {

	/** Claims nothing: this server is on its own. */
	ConnectionIdClaims LOCAL = new ConnectionIdClaims() {

		@Override
		public boolean claim(String connectionId) {
			return true;
		}

		@Override
		public void release(String connectionId) {
		}

	};

	/**
	 * Claims an id that no connection of this server holds.
	 * @return {@code false} when a live connection elsewhere holds it
	 */
	boolean claim(String connectionId);

	/** The connection that held the id closed. */
	void release(String connectionId);

}
