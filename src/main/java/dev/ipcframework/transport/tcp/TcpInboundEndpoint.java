package dev.ipcframework.transport.tcp;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.ReplySender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;

/**
 * The TCP end of the server: keeps a connection handle per TCP connection of the server's factory, from its open
 * event to its close event, and hands each received frame to the router. Each connection is read by a thread of
 * its own, which publishes the open event before its first frame and hands frames over in stream order; while the
 * router holds a connection back, its thread stops reading, and the peer's socket fills.
 * <p>
 * It is the factory's {@link TcpListener}, and starts and stops the factory, as Spring Integration's receiving
 * channel adapter would; without the adapter's message channel in between, whose send timer, debug-log checks and
 * dispatcher cost a measured twentieth of the server's time per frame under many small requests.
 */
public class TcpInboundEndpoint implements TcpListener, SmartLifecycle, ApplicationListener<TcpConnectionEvent> {

	private static final Log logger = LogFactory.getLog(TcpInboundEndpoint.class);

	private record TcpConnectionState(ConnectionHandle handle, TcpConnection connection) {

		/** Whether the connection's next frame is already read, so that replies can wait to go out with its own. */
		boolean moreToRead() {
			return this.connection instanceof ReadAhead own && own.hasBufferedFrame();
		}

	}

	private final Map<String, TcpConnectionState> connections = new ConcurrentHashMap<>();

	private final AbstractServerConnectionFactory factory;

	private final ConnectionHandleFactory handleFactory;

	private final IpcRouter router;

	private final ReplySender replies;

	private final EnvelopeCodec codec;

	public TcpInboundEndpoint(AbstractServerConnectionFactory factory, ConnectionHandleFactory handleFactory,
			IpcRouter router, ReplySender replies, EnvelopeCodec codec) {
		this.factory = factory;
		this.handleFactory = handleFactory;
		this.router = router;
		this.replies = replies;
		this.codec = codec;
		factory.registerListener(this);
	}

	@Override
	public void start() {
		this.factory.start();
	}

	@Override
	public void stop() {
		this.factory.stop();
	}

	@Override
	public boolean isRunning() {
		return this.factory.isRunning();
	}

	/** Spring Integration's endpoints' phase: after the drain ({@code IpcLifecycle}) stops, as before. */
	@Override
	public int getPhase() {
		return 0;
	}

	/** The {@code FRAME_TOO_LARGE} notice for a connection whose next frame announced too many bytes. */
	public byte[] frameTooLarge(String connectionId, FrameTooLargeException tooLarge) {
		TcpConnectionState state = this.connections.get(connectionId);
		ConnectionHandle handle = (state != null) ? state.handle() : null;
		IpcError error = new IpcError(IpcErrorCode.FRAME_TOO_LARGE, tooLarge.getMessage());
		IpcEnvelope notice = (handle != null) ? this.replies.lastWords(handle, error)
				: IpcEnvelope.systemError("", error);
		return this.codec.encode(notice);
	}

	@Override
	public void onMessage(Message<?> message) {
		String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		if (connectionId == null || !(message.getPayload() instanceof byte[] frame)) {
			return;
		}
		TcpConnectionState state = this.connections.get(connectionId);
		if (state == null) {
			// closed meanwhile by the server (an abort, a drain): what it still sent has no one to go to
			logger.debug("Dropped a frame of closed TCP connection " + connectionId);
			return;
		}
		ConnectionHandle handle = state.handle();
		this.router.onFrameOnReadingThread(handle, frame, state.moreToRead());
		// a connection that is ahead of the server is not read on: its socket fills and its peer slows down
		handle.awaitCapacity();
	}

	@Override
	public void onApplicationEvent(TcpConnectionEvent event) {
		if (!Objects.equals(this.factory.getComponentName(), event.getConnectionFactoryName())) {
			return;
		}
		if (event instanceof TcpConnectionOpenEvent && event.getSource() instanceof TcpConnection connection) {
			opened(connection);
		}
		else if (event instanceof TcpConnectionCloseEvent) {
			TcpConnectionState state = this.connections.remove(event.getConnectionId());
			if (state != null) {
				this.router.onClose(state.handle());
			}
		}
	}

	private void opened(TcpConnection connection) {
		ConnectionHandle handle = this.handleFactory.create(connection.getConnectionId(), Transport.TCP,
				connection.getHostAddress() + ":" + connection.getPort(), clientCertificateSubject(connection),
				new TcpFrameWriter(connection));
		TcpConnectionState state = new TcpConnectionState(handle, connection);
		if (this.connections.putIfAbsent(connection.getConnectionId(), state) != null) {
			return;
		}
		this.router.onOpen(handle);
		// a connection closed before its reading thread published the open event has had its close event already
		if (!connection.isOpen() && this.connections.remove(connection.getConnectionId(), state)) {
			this.router.onClose(handle);
		}
	}

	/**
	 * The subject of the client's certificate on a TLS port; the handshake, and with it the check of the
	 * certificate, completed on the connection's reading thread before its open event.
	 */
	private static @Nullable X500Principal clientCertificateSubject(TcpConnection connection) {
		SSLSession session = connection.getSslSession();
		if (session == null) {
			return null;
		}
		try {
			return (session.getPeerPrincipal() instanceof X500Principal subject) ? subject : null;
		}
		catch (SSLPeerUnverifiedException ex) {
			// no certificate presented
			return null;
		}
	}

}
