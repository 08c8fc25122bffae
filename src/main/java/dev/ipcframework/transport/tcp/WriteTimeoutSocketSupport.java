package dev.ipcframework.transport.tcp;

import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;

import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;

/**
 * Bounds how long a write may block on a peer that stopped reading. An NIO connection waits for a full socket to
 * drain for the socket's SO_TIMEOUT, and forever when it is 0; the factory's own soTimeout cannot be used instead
 * because it also closes connections that merely stay quiet.
 */
public class WriteTimeoutSocketSupport extends DefaultTcpSocketSupport {

	private final int writeTimeoutMillis;

	public WriteTimeoutSocketSupport(int writeTimeoutMillis) {
		this.writeTimeoutMillis = writeTimeoutMillis;
	}

	@Override
	public void postProcessSocket(Socket socket) {
		super.postProcessSocket(socket);
		try {
			socket.setSoTimeout(this.writeTimeoutMillis);
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
