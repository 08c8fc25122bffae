package dev.ipcframework.transport.tcp;

import java.net.Socket;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Makes the server's TCP connections: Spring Integration's blocking {@link TcpNetConnection}, one reading thread
 * each, with a small read buffer and writes that go to the socket unbuffered (see {@link IpcTcpConnection}).
 */
public class IpcTcpConnectionSupport implements TcpNetConnectionSupport {

	private final Duration tlsHandshakeTimeout;

	private final boolean virtualThreads;

	/**
	 * @param tlsHandshakeTimeout how long the TLS handshake of a connection to a TLS port may take; {@code 0}
	 * waits for ever
	 * @param virtualThreads whether the connections are read by virtual threads, which then let the others run each
	 * time they go back to the socket for more
	 */
	public IpcTcpConnectionSupport(Duration tlsHandshakeTimeout, boolean virtualThreads) {
		this.tlsHandshakeTimeout = tlsHandshakeTimeout;
		this.virtualThreads = virtualThreads;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new IpcTcpConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName,
				this.tlsHandshakeTimeout, this.virtualThreads);
	}

}
