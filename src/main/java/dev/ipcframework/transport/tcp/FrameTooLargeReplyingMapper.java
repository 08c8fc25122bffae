package dev.ipcframework.transport.tcp;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Answers an oversized frame with an error frame while the socket is still open: the connection closes itself as
 * soon as its deserializer fails, and no listener hears of the failure before that.
 */
public class FrameTooLargeReplyingMapper extends TcpMessageMapper {

	private volatile BiFunction<String, FrameTooLargeException, byte[]> errorFrame = (connectionId,
			tooLarge) -> new byte[0];

	/** Sets what to answer an oversized frame with, given the connection id and the exception. */
	public void setErrorFrame(BiFunction<String, FrameTooLargeException, byte[]> errorFrame) {
		this.errorFrame = errorFrame;
	}

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		try {
			return super.toMessage(connection, headers);
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof FrameTooLargeException tooLarge) {
				try {
					connection.send(MessageBuilder
						.withPayload(this.errorFrame.apply(connection.getConnectionId(), tooLarge))
						.build());
				}
				catch (RuntimeException sendFailure) {
					this.logger.debug("Could not send FRAME_TOO_LARGE before closing", sendFailure);
				}
			}
			throw ex;
		}
	}

}
