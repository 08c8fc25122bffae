package dev.ipcframework.routing;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcException;
import tools.jackson.databind.JsonNode;

/**
 * A request on the {@code system} channel the server answers itself, named by {@code payload.action}. Every bean of
 * this type adds one; the handshake, {@code ping}, {@code refresh}, {@code serve} and {@code unserve} are built in.
 */
public interface SystemAction {

	/** The {@code payload.action} this answers. */
	String action();

	/**
	 * Answers a connected client's request.
	 * @return the response's payload
	 * @throws IpcException to answer with an error instead
	 */
	JsonNode answer(ConnectionHandle connection, IpcEnvelope request);

}
