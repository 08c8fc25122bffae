package dev.ipcframework.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ipcframework.client.Subscription;
import dev.ipcframework.protocol.IpcEnvelope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages an {@link IpcTestClient.AppClient#subscribe(String) IpcTestClient subscription} has received, in the
 * order they arrived. {@link #close()} unsubscribes.
 */
public final class MessageRecorder implements AutoCloseable {

	private final String channel;

	private final JsonMapper jsonMapper;

	private final Duration timeout;

	private final List<IpcEnvelope> messages = new ArrayList<>();

	private @Nullable Subscription subscription;

	MessageRecorder(String channel, JsonMapper jsonMapper, Duration timeout) {
		this.channel = channel;
		this.jsonMapper = jsonMapper;
		this.timeout = timeout;
	}

	/** The subscribed channel. */
	public String channel() {
		return this.channel;
	}

	/** The messages received so far. */
	public synchronized List<IpcEnvelope> messages() {
		return List.copyOf(this.messages);
	}

	/**
	 * Waits until at least {@code count} messages have arrived and returns the first {@code count}.
	 * @throws AssertionError when fewer arrive within the client's timeout
	 */
	public synchronized List<IpcEnvelope> awaitMessages(int count) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			while (this.messages.size() < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("expected " + count + " messages on '" + this.channel + "' within "
							+ this.timeout + " but got " + this.messages.size() + ": " + this.messages);
				}
				wait(Math.max(1, left / 1_000_000));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for messages on '" + this.channel + "'", ex);
		}
		return List.copyOf(this.messages.subList(0, count));
	}

	/** Like {@link #awaitMessages(int)}, with each payload converted to {@code type}. */
	public <T> List<T> awaitMessages(int count, Class<T> type) {
		return awaitMessages(count).stream().map((message) -> this.jsonMapper.treeToValue(message.payload(), type))
			.toList();
	}

	/** Unsubscribes; the messages received stay. */
	@Override
	public void close() {
		Subscription current;
		synchronized (this) {
			current = this.subscription;
			this.subscription = null;
		}
		if (current != null) {
			current.unsubscribe();
		}
	}

	synchronized void record(IpcEnvelope message) {
		this.messages.add(message);
		notifyAll();
	}

	synchronized void subscribed(Subscription subscription) {
		this.subscription = subscription;
	}

}
