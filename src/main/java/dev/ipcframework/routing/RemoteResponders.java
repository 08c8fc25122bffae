package dev.ipcframework.routing;

import java.time.Duration;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.IpcEnvelope;
import org.jspecify.annotations.Nullable;

/**
 * Answers requests that nothing on this server answers (no {@code @IpcHandler}, no serving client) through another
 * server that can. The default knows no other server.
 */
@FunctionalInterface
public interface RemoteResponders {

	/** No other server: such requests get {@code NO_HANDLER}. */
	RemoteResponders NONE = (requester, request, requestedTimeout) -> false;

	/**
	 * Sends the request to a server that can answer it; exactly one answer (or error) reaches the requester later.
	 * @param requestedTimeout the time limit the requester asked for, or {@code null}
	 * @return {@code false} when no other server can answer it; the caller answers {@code NO_HANDLER}
	 */
	boolean forward(ConnectionHandle requester, IpcEnvelope request, @Nullable Duration requestedTimeout);

}
