package dev.ipcframework.transport.tcp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A {@link TcpNetConnection} sized for many connections and many frames per write.
 * <ul>
 * <li>Reads go through a small buffer, so that a burst of frames costs one system call rather than two per frame,
 * while an idle connection holds only a few KiB.</li>
 * <li>Writes go straight to the socket: the serializer hands it each batch of frames as one array, so a buffer
 * would only copy them once more. (Spring Integration's own connection buffers writes in an array as large as the
 * kernel's send buffer, which on loopback grows past 1 MiB for every connection.)</li>
 * </ul>
 */
class IpcTcpConnection extends TcpNetConnection {

	/** Large enough for a burst of typical envelopes (a few hundred bytes each); longer frames bypass it. */
	private static final int READ_BUFFER_BYTES = 4096;

	private final Socket socket;

	private final Lock writeLock = new ReentrantLock();

	private volatile @Nullable FrameInputStream input;

	private volatile @Nullable OutputStream output;

	IpcTcpConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
		this.socket = socket;
	}

	@Override
	protected InputStream inputStream() throws IOException {
		FrameInputStream stream = this.input;
		if (stream == null) {
			stream = new FrameInputStream(super.inputStream(), this.socket);
			this.input = stream;
		}
		return stream;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void send(Message<?> message) {
		this.writeLock.lock();
		try {
			OutputStream stream = this.output;
			if (stream == null) {
				stream = this.socket.getOutputStream();
				this.output = stream;
			}
			Object payload = getMapper().fromMessage(message);
			if (payload == null) {
				throw new IllegalStateException("The mapper returned null for message: " + message);
			}
			((Serializer<Object>) getSerializer()).serialize(payload, stream);
		}
		catch (Exception ex) {
			MessagingException failure = new MessagingException(message, "Send Failed", ex);
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
			throw failure;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * The connection's buffered input, which can also be aborted: the frame deadline closes the socket, since a
	 * thread blocked reading a socket does not wake up when interrupted.
	 */
	static final class FrameInputStream extends BufferedInputStream {

		private final Socket socket;

		FrameInputStream(InputStream in, Socket socket) {
			super(in, READ_BUFFER_BYTES);
			this.socket = socket;
		}

		/** Ends the read in progress, and the connection with it. */
		void abort() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closed either way
			}
		}

	}

}
