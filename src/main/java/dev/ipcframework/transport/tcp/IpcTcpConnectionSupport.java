package dev.ipcframework.transport.tcp;

import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Makes the server's TCP connections: Spring Integration's blocking {@link TcpNetConnection}, one reading thread
 * each, with a small read buffer and writes that go to the socket unbuffered (see {@link IpcTcpConnection}).
 */
public class IpcTcpConnectionSupport implements TcpNetConnectionSupport {

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new IpcTcpConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
	}

}
