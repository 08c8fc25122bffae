package dev.ipcframework.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.connection.ThrottledLog;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.ReplySender;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The WebSocket end of the flow: one envelope per text or binary message. Messages arrive in parts no larger than
 * the container's buffer and are assembled here up to the frame limit, so that an oversized message is answered
 * with {@code FRAME_TOO_LARGE} before the session closes, and never held whole. A message must be complete within
 * the frame timeout of its first part, like a TCP frame: a peer that starts one and stalls would otherwise keep its
 * parts for as long as the session stays open.
 * <p>
 * On a thread of a {@code ReadingThreadPool} (Tomcat with platform threads) a message is handled where it was read,
 * and its replies are written once the thread has read all there was (see {@code ContainerReads}); elsewhere it is
 * queued to its connection's executor. A session whose connection is ahead of the server is not read on: on Tomcat
 * it is suspended (see {@code SuspendedReading}), elsewhere the reading thread waits.
 */
public class IpcWebSocketHandler extends AbstractWebSocketHandler {

	private static final Log logger = LogFactory.getLog(IpcWebSocketHandler.class);

	/** A client can stall a message on every session it opens. */
	private final ThrottledLog stalledMessages = new ThrottledLog(logger);

	private static final String FRAME_BUFFER = "ipc.frameBuffer";

	private static final String FRAME_TOO_LARGE = "ipc.frameTooLarge";

	private static final String FRAME_DEADLINE = "ipc.frameDeadline";

	private final Map<String, OpenSession> sessions = new ConcurrentHashMap<>();

	private final ConnectionHandleFactory handleFactory;

	private final IpcRouter router;

	private final ReplySender replies;

	/** Tomcat's per-session bound on a blocking send; other containers ignore the property. */
	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final int maxFrameSize;

	private final Duration writeTimeout;

	private final Duration frameTimeout;

	private final ScheduledExecutorService scheduler;

	/**
	 * @param frameTimeout how long a message may take from its first part to its last; zero for no limit
	 * @param scheduler runs the message deadlines
	 */
	public IpcWebSocketHandler(ConnectionHandleFactory handleFactory, IpcRouter router, ReplySender replies,
			int maxFrameSize, Duration writeTimeout, Duration frameTimeout, ScheduledExecutorService scheduler) {
		this.handleFactory = handleFactory;
		this.router = router;
		this.replies = replies;
		this.maxFrameSize = maxFrameSize;
		this.writeTimeout = writeTimeout;
		this.frameTimeout = frameTimeout;
		this.scheduler = scheduler;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession) {
			Session standard = nativeSession.getNativeSession(Session.class);
			if (standard != null) {
				standard.getUserProperties().put(BLOCKING_SEND_TIMEOUT, this.writeTimeout.toMillis());
			}
		}
		WebSocketFrameWriter writer = new WebSocketFrameWriter(session);
		ConnectionHandle handle = this.handleFactory.create(session.getId(), Transport.WEBSOCKET,
				String.valueOf(session.getRemoteAddress()).replaceFirst("^/", ""), writer);
		if (session.getAttributes().remove(UpgradeTokenInterceptor.TOKEN_ATTRIBUTE) instanceof String token) {
			handle.transportToken(token);
		}
		SuspendedReading reading = SuspendedReading.of(session, handle, this.scheduler);
		this.sessions.put(session.getId(), new OpenSession(handle, writer, reading));
		this.router.onOpen(handle);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		receive(session, message.asBytes(), message.isLast());
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		ByteBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		receive(session, bytes, message.isLast());
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	private void receive(WebSocketSession session, byte[] part, boolean last) {
		OpenSession open = this.sessions.get(session.getId());
		if (open == null || session.getAttributes().containsKey(FRAME_TOO_LARGE)) {
			return;
		}
		ConnectionHandle handle = open.handle();
		Map<String, Object> attributes = session.getAttributes();
		ByteArrayOutputStream buffer = (ByteArrayOutputStream) attributes.get(FRAME_BUFFER);
		if (last && buffer == null) {
			if (part.length > this.maxFrameSize) {
				refuseOversized(session, open, part.length);
				return;
			}
			deliver(open, part);
			return;
		}
		if (buffer == null) {
			buffer = new ByteArrayOutputStream();
			attributes.put(FRAME_BUFFER, buffer);
			startDeadline(session, buffer);
		}
		if ((long) buffer.size() + part.length > this.maxFrameSize) {
			attributes.remove(FRAME_BUFFER);
			cancelDeadline(attributes);
			refuseOversized(session, open, (long) buffer.size() + part.length);
			return;
		}
		buffer.writeBytes(part);
		if (last) {
			attributes.remove(FRAME_BUFFER);
			cancelDeadline(attributes);
			deliver(open, buffer.toByteArray());
		}
	}

	private void deliver(OpenSession open, byte[] frame) {
		ConnectionHandle handle = open.handle();
		ContainerReads task = ContainerReads.current();
		if (task == null || !task.handleHere(handle)) {
			this.router.onFrame(handle, frame);
		}
		else {
			// written when the container has read all it holds of this connection, or after many messages
			this.router.onFrameOnReadingThread(handle, frame, true);
			task.handled();
		}
		// a connection ahead of the server is not read on: its socket fills and its peer slows down
		if (handle.mustAwaitCapacity()) {
			if (open.reading() != null) {
				open.reading().suspendUntilCapacity();
			}
			else {
				handle.awaitCapacity();
			}
		}
	}

	private void startDeadline(WebSocketSession session, ByteArrayOutputStream message) {
		if (this.frameTimeout.isZero() || this.frameTimeout.isNegative()) {
			return;
		}
		ScheduledFuture<?> deadline = this.scheduler.schedule(() -> {
			// still the same unfinished message: the peer stalled inside it
			if (session.getAttributes().remove(FRAME_BUFFER, message)) {
				this.stalledMessages.info("stalled-message", () -> "Closing WebSocket session " + session.getId()
						+ ": message not complete within " + this.frameTimeout.toMillis() + " ms");
				OpenSession open = this.sessions.get(session.getId());
				if (open != null) {
					open.writer().closeWith(CloseStatus.POLICY_VIOLATION.withReason("message not complete in time"));
					open.handle().abort();
				}
			}
		}, this.frameTimeout.toMillis(), TimeUnit.MILLISECONDS);
		session.getAttributes().put(FRAME_DEADLINE, deadline);
	}

	/** The message is complete (or refused): its deadline, and what it holds on to, can go. */
	private static void cancelDeadline(Map<String, Object> attributes) {
		if (attributes.remove(FRAME_DEADLINE) instanceof ScheduledFuture<?> deadline) {
			deadline.cancel(false);
		}
	}

	private void refuseOversized(WebSocketSession session, OpenSession open, long seen) {
		session.getAttributes().put(FRAME_TOO_LARGE, Boolean.TRUE);
		open.writer().closeWith(CloseStatus.TOO_BIG_TO_PROCESS);
		this.replies.fatal(open.handle(), null, new IpcError(IpcErrorCode.FRAME_TOO_LARGE,
				"frame of at least " + seen + " bytes exceeds the limit of " + this.maxFrameSize + " bytes"));
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.debug("WebSocket transport error on session " + session.getId(), exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		OpenSession open = this.sessions.remove(session.getId());
		if (open != null) {
			this.router.onClose(open.handle());
		}
	}

	/** What an open session is to the handler: its connection, its writer, and, on Tomcat, the pausing of its reads. */
	private record OpenSession(ConnectionHandle handle, WebSocketFrameWriter writer,
			@Nullable SuspendedReading reading) {
	}

}
