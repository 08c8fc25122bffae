package dev.ipcframework.routing;

import dev.ipcframework.connection.ClientText;
import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ThrottledLog;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.stats.StatisticsCollector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends the server's own answers, responses and errors, to one connection, and counts them.
 */
public class ReplySender {

	private static final Log logger = LogFactory.getLog(ReplySender.class);

	/** A client can be refused and closed as often as it reconnects: one line per error code per interval. */
	private final ThrottledLog closings = new ThrottledLog(logger);

	private final StatisticsCollector stats;

	public ReplySender(StatisticsCollector stats) {
		this.stats = stats;
	}

	public void send(ConnectionHandle connection, IpcEnvelope envelope) {
		if (connection.send(envelope)) {
			this.stats.sent(connection, envelope);
		}
		else {
			this.stats.dropped();
		}
	}

	/**
	 * Sends an error: as the response to {@code cause} when it is a request, else as a notification on the
	 * {@code system} channel whose {@code reply_to} is the cause's {@code message_id}.
	 */
	public void error(ConnectionHandle connection, @Nullable IpcEnvelope cause, IpcError error) {
		// counted first, so that a client that has the error can read it in the figures
		this.stats.error(error.code());
		send(connection, errorEnvelope(connection, cause, error));
		if (logger.isDebugEnabled()) {
			logger.debug(error.code() + " to " + connection + ": " + ClientText.forLog(error.message()));
		}
	}

	/** Sends an error that ends the connection, then closes it. */
	public void fatal(ConnectionHandle connection, @Nullable IpcEnvelope cause, IpcError error) {
		logClosing(connection, error);
		this.stats.error(error.code());
		IpcEnvelope last = errorEnvelope(connection, cause, error);
		this.stats.sent(connection, last);
		connection.sendAndClose(last);
	}

	/**
	 * An error notice for a transport to write itself, counted as sent: for a connection the transport is about to
	 * close before a queued frame could go out.
	 */
	public IpcEnvelope lastWords(ConnectionHandle connection, IpcError error) {
		// the client's doing (an oversized frame): not a warning about the server
		logClosing(connection, error);
		this.stats.error(error.code());
		IpcEnvelope notice = errorEnvelope(connection, null, error);
		this.stats.sent(connection, notice);
		return notice;
	}

	private void logClosing(ConnectionHandle connection, IpcError error) {
		this.closings.info(error.code().name(),
				() -> "Closing " + connection + ": " + error.code() + " " + ClientText.forLog(error.message()));
	}

	private static IpcEnvelope errorEnvelope(ConnectionHandle connection, @Nullable IpcEnvelope cause,
			IpcError error) {
		if (cause != null && cause.messageType() == MessageType.REQUEST) {
			return cause.respondWithError(error);
		}
		String appId = (cause != null && !cause.appId().isEmpty()) ? cause.appId() : connection.appId();
		return IpcEnvelope.systemError((appId != null) ? appId : "", error, (cause != null) ? cause.messageId() : null);
	}

}
