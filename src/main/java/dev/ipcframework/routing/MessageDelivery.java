package dev.ipcframework.routing;

import dev.ipcframework.protocol.IpcEnvelope;

/**
 * Delivers messages to connections found by channel, id or application. The one seam between routing and where
 * connections live: an implementation backed by a shared broker can take the place of the in-memory one to spread
 * connections over several servers.
 */
public interface MessageDelivery {

	/**
	 * Delivers a publish to every subscriber of its app and channel, all in the same order.
	 * @return the number of subscribers it was queued to
	 */
	int publish(IpcEnvelope publish);

	/**
	 * Sends a message to the connection with this id.
	 * @return {@code false} when no such connection exists or it cannot take the message
	 */
	boolean sendTo(String connectionId, IpcEnvelope envelope);

	/**
	 * Sends a message to every connection of an application.
	 * @return the number of connections it was queued to
	 */
	int broadcast(String appId, IpcEnvelope envelope);

}
