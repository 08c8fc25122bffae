package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.util.List;

import dev.ipcframework.connection.FrameWriter;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * Writes frames to one TCP connection: every batch is one message to Spring Integration's connection, which the
 * {@link FrameBatchSerializer} turns into one socket write.
 */
class TcpFrameWriter implements FrameWriter {

	private final TcpConnection connection;

	TcpFrameWriter(TcpConnection connection) {
		this.connection = connection;
	}

	@Override
	public void write(List<byte[]> frames) throws IOException {
		try {
			this.connection.send(new GenericMessage<>(new FrameBatch(frames)));
		}
		catch (MessagingException ex) {
			throw new IOException("send to TCP connection " + this.connection.getConnectionId() + " failed", ex);
		}
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
