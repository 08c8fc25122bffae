package dev.ipcframework.transport.tcp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ThrottledLog;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
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
 * <li>On a TLS port, the handshake runs first on the connection's own reading thread, within a time limit: the
 * accepting thread never waits for a peer, and a peer that fails it (plain TCP, an untrusted or missing client
 * certificate) is closed with one line in the log, before the router ever sees it.</li>
 * </ul>
 */
class IpcTcpConnection extends TcpNetConnection implements ReadAhead {

	/** Any client can fail a handshake as often as it likes. */
	private static final ThrottledLog failedHandshakes = new ThrottledLog(LogFactory.getLog(IpcTcpConnection.class));

	/** What an idle connection holds for reading: a dozen typical envelopes; longer frames bypass it. */
	private static final int READ_BUFFER_BYTES = 4096;

	/** The most a busy connection's read buffer grows to, so that one read takes in a burst of frames. */
	private static final int MAX_READ_BUFFER_BYTES = 64 * 1024;

	private final Socket socket;

	private final UnbufferedSend sender = new UnbufferedSend(this, this::outputStream, this::sendFailed);

	private volatile @Nullable FrameInputStream input;

	private volatile @Nullable OutputStream output;

	private final Duration tlsHandshakeTimeout;

	private final boolean yieldBeforeEachRead;

	/**
	 * @param virtualThread whether a virtual thread reads the connection: one whose peer always has more to send
	 * never blocks, so it lets the others run each time it goes back to the socket, else it keeps its carrier
	 * thread and the connections waiting for one fall far behind
	 */
	IpcTcpConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
			Duration tlsHandshakeTimeout, boolean virtualThread) {
		super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
		this.socket = socket;
		this.tlsHandshakeTimeout = tlsHandshakeTimeout;
		this.yieldBeforeEachRead = virtualThread;
	}

	/**
	 * Completes the TLS handshake on a TLS port, then reads the connection until it ends; what a burst of its
	 * frames still held back is then written. A connection that fails the handshake is closed before its open event,
	 * so nothing past the transport learns of it.
	 */
	@Override
	public void run() {
		try {
			if (this.socket instanceof SSLSocket tls && !completeHandshake(tls)) {
				return;
			}
			super.run();
		}
		finally {
			ConnectionHandle.endAnyWriteBurst();
		}
	}

	private boolean completeHandshake(SSLSocket tls) {
		try {
			int readTimeout = tls.getSoTimeout();
			tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, this.tlsHandshakeTimeout.toMillis()));
			tls.startHandshake();
			tls.setSoTimeout(readTimeout);
			return true;
		}
		catch (IOException ex) {
			failedHandshakes.info("tls-handshake", () -> "Closed TCP connection from " + getHostAddress() + ":"
					+ getPort() + ": TLS handshake failed (" + ex.getMessage() + ")");
			close();
			return false;
		}
	}

	@Override
	protected InputStream inputStream() throws IOException {
		FrameInputStream stream = this.input;
		if (stream == null) {
			stream = new FrameInputStream(super.inputStream(), this.socket, this.yieldBeforeEachRead);
			this.input = stream;
		}
		return stream;
	}

	@Override
	public boolean hasBufferedFrame() {
		FrameInputStream stream = this.input;
		return stream != null && stream.hasWholeFrame();
	}

	/**
	 * A read that fails because of the peer (a reset, a close in the middle of a frame, a frame too large or too
	 * slow) ends the connection as always, but is logged at debug level rather than as an error: a client must not
	 * decide how fast the server's log grows. Its error, where there is one, has already been sent and counted.
	 */
	@Override
	protected boolean handleReadException(Exception exception) {
		Throwable cause = (exception instanceof UncheckedIOException unchecked && unchecked.getCause() != null)
				? unchecked.getCause() : exception;
		if (cause instanceof IOException) {
			setNoReadErrorOnClose(true);
		}
		return super.handleReadException(exception);
	}

	@Override
	public void send(Message<?> message) {
		this.sender.send(message);
	}

	/** The socket's stream, unbuffered: the serializer hands it each batch of frames as one array. */
	private OutputStream outputStream() throws IOException {
		OutputStream stream = this.output;
		if (stream == null) {
			stream = this.socket.getOutputStream();
			this.output = stream;
		}
		return stream;
	}

	private void sendFailed(MessagingException failure) {
		publishConnectionExceptionEvent(failure);
		closeConnection(true);
	}

	/**
	 * The connection's buffered input, which can also be aborted: the frame deadline closes the socket, since a
	 * thread blocked reading a socket does not wake up when interrupted.
	 */
	static final class FrameInputStream extends BufferedInputStream {

		private final Socket socket;

		private final boolean yieldBeforeEachRead;

		FrameInputStream(InputStream in, Socket socket, boolean yieldBeforeEachRead) {
			super(in, READ_BUFFER_BYTES);
			this.socket = socket;
			this.yieldBeforeEachRead = yieldBeforeEachRead;
		}

		@Override
		public synchronized int read() throws IOException {
			beforeRead();
			return super.read();
		}

		@Override
		public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
			beforeRead();
			return super.read(bytes, offset, length);
		}

		/** When the buffer is used up, the next read goes to the socket. */
		private void beforeRead() {
			if (this.pos >= this.count) {
				if (this.yieldBeforeEachRead) {
					Thread.yield();
				}
				growIfReadFull();
			}
		}

		/**
		 * Doubles the buffer once it is used up after a read that filled all of it: the peer sends faster than the
		 * buffer takes in, and a larger read means fewer system calls and larger bursts (see the router's write
		 * bursts).
		 */
		private void growIfReadFull() {
			if (this.count == this.buf.length && this.markpos < 0
					&& this.buf.length < MAX_READ_BUFFER_BYTES) {
				this.buf = new byte[this.buf.length * 2];
				this.pos = 0;
				this.count = 0;
			}
		}

		/** Whether the rest of the frame whose first byte was just read is in the buffer. */
		synchronized boolean hasRestOfFrame(int firstByte) {
			return restOfFrameBuffered(firstByte, this.pos);
		}

		synchronized boolean hasWholeFrame() {
			return this.pos < this.count && restOfFrameBuffered(this.buf[this.pos], this.pos + 1);
		}

		/**
		 * Whether the 3 header bytes that follow {@code firstByte}, from {@code from} on, and the body they announce
		 * are all in the buffer.
		 */
		private boolean restOfFrameBuffered(int firstByte, int from) {
			int buffered = this.count - from;
			if (buffered < 3) {
				return false;
			}
			long length = Integer.toUnsignedLong(((firstByte & 0xFF) << 24) | ((this.buf[from] & 0xFF) << 16)
					| ((this.buf[from + 1] & 0xFF) << 8) | (this.buf[from + 2] & 0xFF));
			return buffered - 3 >= length;
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
