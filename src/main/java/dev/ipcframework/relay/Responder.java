package dev.ipcframework.relay;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.connection.ConnectionHandle;
import org.jspecify.annotations.Nullable;

/**
 * One connection serving requests on one channel of its application, with the requests it owes answers to.
 */
final class Responder {

	private final ConnectionHandle connection;

	private final String channelId;

	private final @Nullable String group;

	private final AtomicInteger outstanding = new AtomicInteger();

	private final AtomicBoolean gone = new AtomicBoolean();

	Responder(ConnectionHandle connection, String channelId, @Nullable String group) {
		this.connection = connection;
		this.channelId = channelId;
		this.group = group;
	}

	ConnectionHandle connection() {
		return this.connection;
	}

	String channelId() {
		return this.channelId;
	}

	@Nullable String group() {
		return this.group;
	}

	int outstanding() {
		return this.outstanding.get();
	}

	void asked() {
		this.outstanding.incrementAndGet();
	}

	void settled() {
		this.outstanding.decrementAndGet();
	}

	/** Marks it withdrawn; a request forwarded after this is answered for it with an error. */
	boolean withdraw() {
		return this.gone.compareAndSet(false, true);
	}

	boolean isGone() {
		return this.gone.get();
	}

}
