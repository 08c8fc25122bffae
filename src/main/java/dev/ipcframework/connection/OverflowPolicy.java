package dev.ipcframework.connection;

/**
 * What happens when a connection's send buffer is full because its peer reads too slowly.
 */
public enum OverflowPolicy {

	/** Queue a last {@code SLOW_CONSUMER} notice past the limit, then close the connection (the default). */
	DISCONNECT,

	/** Drop the oldest queued messages to make room; the connection stays open and misses them. */
	DROP_OLDEST

}
