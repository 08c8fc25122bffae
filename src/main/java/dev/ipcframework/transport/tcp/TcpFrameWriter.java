package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.util.List;

import dev.ipcframework.connection.FrameWriter;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * Writes frames to one TCP connection: every batch is one message to Spring Integration's connection, which the
 * {@link FrameBatchSerializer} turns into one socket write.
 */
class TcpFrameWriter implements FrameWriter {

	/**
	 * The headers of every batch: none. A batch message goes straight to the connection and is never seen by
	 * anything that would read an id or a timestamp, and making those costs a random UUID per write.
	 */
	private static final MessageHeaders NO_HEADERS = new BareHeaders();

	private final TcpConnection connection;

	TcpFrameWriter(TcpConnection connection) {
		this.connection = connection;
	}

	@Override
	public void write(List<byte[]> frames) throws IOException {
		try {
			this.connection.send(new GenericMessage<>(new FrameBatch(frames), NO_HEADERS));
		}
		catch (MessagingException ex) {
			throw new IOException("send to TCP connection " + this.connection.getConnectionId() + " failed", ex);
		}
	}

	@Override
	public void close() {
		this.connection.close();
	}

	private static final class BareHeaders extends MessageHeaders {

		BareHeaders() {
			super(null, ID_VALUE_NONE, -1L);
		}

	}

}
