package dev.ipcframework.client;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * The TCP transport: each frame is a 4-byte big-endian length and that many bytes of JSON. One reader thread per
 * connection; header and body go out in one write, with TCP_NODELAY on. For {@code tcps://} the same over TLS.
 */
final class TcpClientTransport implements ClientTransport {

	private final Socket socket;

	private final OutputStream out;

	private final int maxFrameSize;

	private final Listener listener;

	private final AtomicBoolean closed = new AtomicBoolean();

	private TcpClientTransport(Socket socket, int maxFrameSize, Listener listener) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.maxFrameSize = maxFrameSize;
		this.listener = listener;
	}

	/**
	 * Connects, and with {@code tls} completes the TLS handshake, checking the server's certificate and that it
	 * names {@code host}; each within the connect timeout.
	 */
	static TcpClientTransport open(String host, int port, @Nullable SSLSocketFactory tls, Duration connectTimeout,
			int maxFrameSize, Listener listener) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			int timeout = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
			socket.connect(new InetSocketAddress(host, port), timeout);
			if (tls != null) {
				socket = handshake((SSLSocket) tls.createSocket(socket, host, port, true), timeout);
			}
			TcpClientTransport transport = new TcpClientTransport(socket, maxFrameSize, listener);
			Thread reader = new Thread(transport::read, "ipc-client-tcp-" + host + ":" + port);
			reader.setDaemon(true);
			reader.start();
			return transport;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private static SSLSocket handshake(SSLSocket socket, int timeout) throws IOException {
		SSLParameters parameters = socket.getSSLParameters();
		// the same host name check as HTTPS: the certificate must name the host of the url
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		socket.setSoTimeout(timeout);
		socket.startHandshake();
		socket.setSoTimeout(0);
		return socket;
	}

	private void read() {
		Throwable cause = null;
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(this.socket.getInputStream(), 65536))) {
			while (true) {
				int length = in.readInt();
				if (length < 0 || length > this.maxFrameSize) {
					throw (!(this.socket instanceof SSLSocket) && isTlsRecord(length))
							? new IOException("the server speaks TLS on this port: use a tcps:// url")
							: new IOException("frame of " + Integer.toUnsignedString(length)
									+ " bytes exceeds the limit of " + this.maxFrameSize);
				}
				byte[] frame = new byte[length];
				in.readFully(frame);
				this.listener.frame(frame);
			}
		}
		catch (EOFException ex) {
			cause = new EOFException("the server closed the connection");
		}
		catch (IOException | RuntimeException ex) {
			cause = ex;
		}
		finish(cause);
	}

	/**
	 * Whether a frame header is the start of a TLS record instead (an alert or a handshake, version 3.x): what a
	 * TLS port answers a plain TCP client with.
	 */
	private static boolean isTlsRecord(int header) {
		int contentType = header >>> 24;
		return (contentType == 0x15 || contentType == 0x16) && ((header >>> 16) & 0xFF) == 0x03;
	}

	@Override
	public void send(byte[] frame) throws IOException {
		byte[] buffer = new byte[4 + frame.length];
		buffer[0] = (byte) (frame.length >>> 24);
		buffer[1] = (byte) (frame.length >>> 16);
		buffer[2] = (byte) (frame.length >>> 8);
		buffer[3] = (byte) frame.length;
		System.arraycopy(frame, 0, buffer, 4, frame.length);
		synchronized (this.out) {
			this.out.write(buffer);
			this.out.flush();
		}
	}

	@Override
	public void close() {
		finish(null);
	}

	private void finish(Throwable cause) {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.listener.closed(cause);
		}
	}

}
