package dev.ipcframework.transport.tcp;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Turns each received frame into a message for the inbound endpoint, and answers an oversized frame with an error
 * frame while the socket is still open.
 * <ul>
 * <li>A frame's message carries the connection id and nothing else: the endpoint needs no more, and the standard
 * mapping builds its headers twice over, each time with a random UUID for an id that nothing here reads.</li>
 * <li>The connection closes itself as soon as its deserializer fails, and no listener hears of the failure before
 * that, so the {@code FRAME_TOO_LARGE} notice is sent from here.</li>
 * </ul>
 */
public class IpcTcpMessageMapper extends TcpMessageMapper {

	private volatile BiFunction<String, FrameTooLargeException, byte[]> errorFrame = (connectionId,
			tooLarge) -> new byte[0];

	/** Sets what to answer an oversized frame with, given the connection id and the exception. */
	public void setErrorFrame(BiFunction<String, FrameTooLargeException, byte[]> errorFrame) {
		this.errorFrame = errorFrame;
	}

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		Object payload;
		try {
			payload = connection.getPayload();
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof FrameTooLargeException tooLarge) {
				replyFrameTooLarge(connection, tooLarge);
			}
			throw ex;
		}
		return (payload != null) ? new GenericMessage<>(payload, new FrameHeaders(connection.getConnectionId()))
				: null;
	}

	/** Answers an oversized frame before the connection closes; a failure to send is logged at debug level. */
	void replyFrameTooLarge(TcpConnection connection, FrameTooLargeException tooLarge) {
		try {
			connection.send(MessageBuilder.withPayload(this.errorFrame.apply(connection.getConnectionId(), tooLarge))
				.build());
		}
		catch (RuntimeException sendFailure) {
			this.logger.debug("Could not send FRAME_TOO_LARGE before closing", sendFailure);
		}
	}

	/** The one header of a received frame's message, without an id or a timestamp, put in place, not copied. */
	private static final class FrameHeaders extends MessageHeaders {

		FrameHeaders(String connectionId) {
			super(null, ID_VALUE_NONE, -1L);
			getRawHeaders().put(IpHeaders.CONNECTION_ID, connectionId);
		}

	}

}
