package dev.ipcframework.transport.tcp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.ReplySender;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The TCP end of the flow: keeps a connection handle per TCP connection of the server's factory, from its open
 * event to its close event, and hands each received frame to the router.
 */
public class TcpInboundEndpoint implements MessageHandler, ApplicationListener<TcpConnectionEvent> {

	private record TcpConnectionState(ConnectionHandle handle, FrameResequencer frames) {
	}

	private final Map<String, TcpConnectionState> connections = new ConcurrentHashMap<>();

	private final AbstractServerConnectionFactory factory;

	private final TcpSendingMessageHandler sender;

	private final ConnectionHandleFactory handleFactory;

	private final IpcRouter router;

	private final ReplySender replies;

	private final EnvelopeCodec codec;

	private final long pipeTimeoutMillis;

	/** @param pipeTimeout how long a reading thread may wait for assembly to keep up; zero keeps the default */
	public TcpInboundEndpoint(AbstractServerConnectionFactory factory, TcpSendingMessageHandler sender,
			ConnectionHandleFactory handleFactory, IpcRouter router, ReplySender replies, EnvelopeCodec codec,
			Duration pipeTimeout) {
		this.factory = factory;
		this.sender = sender;
		this.handleFactory = handleFactory;
		this.router = router;
		this.replies = replies;
		this.codec = codec;
		this.pipeTimeoutMillis = pipeTimeout.toMillis();
	}

	/** The {@code FRAME_TOO_LARGE} notice for a connection whose next frame announced too many bytes. */
	public byte[] frameTooLarge(String connectionId, FrameTooLargeException tooLarge) {
		TcpConnectionState state = this.connections.get(connectionId);
		IpcError error = new IpcError(IpcErrorCode.FRAME_TOO_LARGE, tooLarge.getMessage());
		IpcEnvelope notice = (state != null) ? this.replies.lastWords(state.handle(), error)
				: IpcEnvelope.systemError("", error);
		return this.codec.encode(notice);
	}

	@Override
	public void handleMessage(Message<?> message) {
		String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		if (connectionId == null || !(message.getPayload() instanceof byte[] frame)) {
			return;
		}
		String remote = message.getHeaders().get(IpHeaders.IP_ADDRESS) + ":"
				+ message.getHeaders().get(IpHeaders.REMOTE_PORT);
		Long sequence = message.getHeaders().get(IntegrationMessageHeaderAccessor.SEQUENCE_NUMBER, Long.class);
		TcpConnectionState state = stateOf(connectionId, remote);
		if (sequence == null) {
			this.router.onFrame(state.handle(), frame);
		}
		else {
			state.frames().accept(sequence, frame);
		}
	}

	@Override
	public void onApplicationEvent(TcpConnectionEvent event) {
		if (!Objects.equals(this.factory.getComponentName(), event.getConnectionFactoryName())) {
			return;
		}
		if (event instanceof TcpConnectionOpenEvent && event.getSource() instanceof TcpConnection connection) {
			if (connection instanceof TcpNioConnection nio && this.pipeTimeoutMillis > 0) {
				// how long the reading thread may wait for frame assembly to take what it read: bounded like a
				// frame, instead of Spring Integration's 60 s
				nio.setPipeTimeout(this.pipeTimeoutMillis);
			}
			stateOf(event.getConnectionId(), connection.getHostAddress() + ":" + connection.getPort());
		}
		else if (event instanceof TcpConnectionCloseEvent) {
			TcpConnectionState state = this.connections.remove(event.getConnectionId());
			if (state != null) {
				this.router.onClose(state.handle());
			}
		}
	}

	private TcpConnectionState stateOf(String connectionId, String remoteAddress) {
		TcpConnectionState state = this.connections.get(connectionId);
		if (state != null) {
			return state;
		}
		ConnectionHandle handle = this.handleFactory.create(connectionId, Transport.TCP, remoteAddress,
				new TcpFrameWriter(connectionId, this.sender, this.factory));
		TcpConnectionState created = new TcpConnectionState(handle,
				new FrameResequencer((frame) -> this.router.onFrame(handle, frame)));
		state = this.connections.putIfAbsent(connectionId, created);
		if (state != null) {
			return state;
		}
		// outside any map update: a refused connection closes at once, and its close event removes it
		this.router.onOpen(handle);
		// a late open event or frame of a connection whose close event has already passed would leave this state
		// behind for good, counted against the connection limit: a closed connection is no longer listed as open
		if (!this.factory.getOpenConnectionIds().contains(connectionId)
				&& this.connections.remove(connectionId, created)) {
			this.router.onClose(handle);
		}
		return created;
	}

}
