package dev.ipcframework.transport.websocket;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ipcframework.connection.ConnectionHandle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Stops reading a WebSocket session while its connection is ahead of the server, without holding a thread: the
 * session is suspended (no more of its socket is read, so the peer's sends fill it and slow down), and
 * resumed once the connection may be read again. Whether it may is checked on the scheduler, soon at first, then
 * less often: a send buffer takes milliseconds to drain, and a thread blocked per held-back publisher would leave
 * none for HTTP once there are as many of them as the container has threads.
 */
final class SuspendedReading {

	private static final Log logger = LogFactory.getLog(SuspendedReading.class);

	private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.tomcat.websocket.WsSession",
			SuspendedReading.class.getClassLoader());

	private static final long FIRST_CHECK_MICROS = 250;

	private static final long MAX_CHECK_MICROS = 8_000;

	private final PausableReading session;

	private final ConnectionHandle connection;

	private final ScheduledExecutorService scheduler;

	private final AtomicBoolean suspended = new AtomicBoolean();

	private SuspendedReading(PausableReading session, ConnectionHandle connection, ScheduledExecutorService scheduler) {
		this.session = session;
		this.connection = connection;
		this.scheduler = scheduler;
	}

	/** For a session upgraded by this service, or one of Tomcat's; {@code null} for other sessions. */
	static @Nullable SuspendedReading of(WebSocketSession session, ConnectionHandle connection,
			ScheduledExecutorService scheduler) {
		if (session instanceof PausableReading pausable) {
			return new SuspendedReading(pausable, connection, scheduler);
		}
		if (TOMCAT && session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof WsSession tomcatSession) {
			return new SuspendedReading(new TomcatSession(tomcatSession), connection, scheduler);
		}
		return null;
	}

	/**
	 * Called on the container thread that handed over a message: stops reading the session after it, until the
	 * connection may be read again.
	 */
	void suspendUntilCapacity() {
		if (!this.suspended.compareAndSet(false, true)) {
			return;
		}
		this.session.suspendReading();
		checkAfter(FIRST_CHECK_MICROS);
	}

	private void checkAfter(long micros) {
		try {
			this.scheduler.schedule(() -> check(micros), micros, TimeUnit.MICROSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the server is stopping: reading on lets the session see its close
			resume();
		}
	}

	private void check(long lastDelayMicros) {
		if (this.connection.capacityRegained()) {
			resume();
		}
		else {
			checkAfter(Math.min(lastDelayMicros * 2, MAX_CHECK_MICROS));
		}
	}

	private void resume() {
		// cleared first: a message read once resumed may suspend the session again
		this.suspended.set(false);
		if (!this.session.isOpen()) {
			return;
		}
		try {
			this.session.resumeReading();
		}
		catch (RuntimeException ex) {
			// closed meanwhile
			logger.debug("Could not resume reading WebSocket session " + this.session.getId(), ex);
		}
	}

	/** Tomcat's own session, when Tomcat speaks WebSocket (with compression on). */
	private record TomcatSession(WsSession session) implements PausableReading {

		@Override
		public void suspendReading() {
			this.session.suspend();
		}

		@Override
		public void resumeReading() {
			this.session.resume();
		}

		@Override
		public boolean isOpen() {
			return this.session.isOpen();
		}

		@Override
		public String getId() {
			return this.session.getId();
		}

	}

}
