package dev.ipcframework.transport.websocket;

import dev.ipcframework.connection.ConnectionHandle;
import org.jspecify.annotations.Nullable;

/**
 * One socket task run by a thread of a {@link ReadingThreadPool}. The WebSocket messages the task reads are handled
 * on its thread, and the replies they cause are written when the task has read all there was, in one go: the way a
 * TCP reading thread handles its frames and writes once it holds no more of them. The container does not say
 * whether it already holds a connection's next message; the end of its task does.
 */
final class ContainerReads {

	/**
	 * Messages handled before the replies they caused are written anyway, so that a client that never stops sending
	 * still gets its replies.
	 */
	private static final int MAX_MESSAGES_PER_WRITE = 64;

	private static final ThreadLocal<ContainerReads> CURRENT = new ThreadLocal<>();

	private final ReadingThreadPool pool;

	private @Nullable ConnectionHandle reading;

	private boolean handling;

	private int messagesSinceWrite;

	private ContainerReads(ReadingThreadPool pool) {
		this.pool = pool;
	}

	static void begin(ReadingThreadPool pool) {
		CURRENT.set(new ContainerReads(pool));
	}

	/** The calling thread's task, when it is a thread of a {@link ReadingThreadPool}. */
	static @Nullable ContainerReads current() {
		return CURRENT.get();
	}

	/**
	 * Whether a message of {@code connection} read by this task may be handled here; not while half of the pool's
	 * threads already handle messages, so that handlers that block leave the container threads for HTTP.
	 */
	boolean handleHere(ConnectionHandle connection) {
		if (!this.handling) {
			if (!this.pool.startHandling()) {
				return false;
			}
			this.handling = true;
		}
		// a task reads one socket; were there another connection, the burst's end would still wake its writer
		this.reading = connection;
		return true;
	}

	/** A message was handled here: after many in a row, what they caused is written before the next is read. */
	void handled() {
		ConnectionHandle connection = this.reading;
		if (++this.messagesSinceWrite >= MAX_MESSAGES_PER_WRITE && connection != null) {
			this.messagesSinceWrite = 0;
			connection.endWriteBurst();
		}
	}

	/**
	 * The calling thread read all there was of its connection for now: what its messages caused is written, rather
	 * than when the container ends the task (after its own bookkeeping).
	 */
	static void readAllThereWas() {
		ContainerReads task = CURRENT.get();
		if (task != null) {
			task.writeWhatWasCaused();
		}
	}

	/** Ends the calling thread's task: what its messages caused is written, its own connection's on this thread. */
	static void end() {
		ContainerReads task = CURRENT.get();
		if (task != null) {
			CURRENT.remove();
			task.writeWhatWasCaused();
		}
	}

	private void writeWhatWasCaused() {
		// counted out before the replies go: a peer that sends on once it has them must find the thread free
		if (this.handling) {
			this.handling = false;
			this.pool.endHandling();
		}
		if (this.reading != null) {
			this.messagesSinceWrite = 0;
			this.reading.endWriteBurst();
		}
	}

}
