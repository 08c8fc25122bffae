package dev.ipcframework.transport.tcp;

import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Makes the server's NIO connections ({@link IpcNioConnection}): read by pool threads when the selector finds them
 * readable, frames cut from each read by the protocol's framing rules.
 */
public class IpcNioConnectionSupport implements TcpNioConnectionSupport {

	private final LengthHeaderFrameCodec framing;

	/**
	 * @param framing the frame size limit and the frame timeout (the same codec as the factory's deserializer)
	 */
	public IpcNioConnectionSupport(LengthHeaderFrameCodec framing) {
		this.framing = framing;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new IpcNioConnection(socketChannel, server, lookupHost, applicationEventPublisher,
				connectionFactoryName, this.framing);
	}

}
