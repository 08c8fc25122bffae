package dev.ipcframework.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * The client's callback thread: {@link ConnectionListener} events and subscription handlers run on it one at a
 * time, in the order they were queued. A callback that throws never stops it; after {@link #shutdown()} new
 * callbacks are dropped, since nobody is listening any more.
 */
final class CallbackThread {

	private final IpcClient client;

	private final ConnectionListener listener;

	private final ExecutorService executor;

	private volatile @Nullable Thread thread;

	CallbackThread(IpcClient client, ConnectionListener listener) {
		this.client = client;
		this.listener = listener;
		ThreadFactory threads = ClientExecutors.daemonThreads("ipc-client-callbacks");
		this.executor = Executors.newSingleThreadExecutor((task) -> {
			Thread created = threads.newThread(task);
			this.thread = created;
			return created;
		});
	}

	void connected(String connectionId, boolean reconnected) {
		emit((listener) -> listener.connected(this.client, connectionId, reconnected));
	}

	void disconnected(Throwable cause) {
		emit((listener) -> listener.disconnected(this.client, cause));
	}

	void error(Throwable error) {
		emit((listener) -> listener.error(this.client, error));
	}

	void recovery(ChannelRecovery recovery) {
		emit((listener) -> listener.recovery(this.client, recovery));
	}

	/** Hands a message to a subscription handler; what it throws goes to the listener as an error. */
	void deliver(MessageHandler handler, IpcEnvelope message, @Nullable StreamPosition position) {
		run(() -> {
			try {
				handler.onMessage(message, position);
			}
			catch (Exception ex) {
				error(ex);
			}
		});
	}

	/**
	 * Stops the thread once the events already queued (the last error, the disconnect) have reached the
	 * listener, unless it is called from a listener: then the callback thread cannot wait for itself.
	 */
	void shutdown() {
		this.executor.shutdown();
		if (Thread.currentThread() != this.thread) {
			try {
				this.executor.awaitTermination(2, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.executor.shutdownNow();
	}

	private void emit(Consumer<ConnectionListener> event) {
		run(() -> event.accept(this.listener));
	}

	private void run(Runnable callback) {
		try {
			this.executor.execute(() -> {
				try {
					callback.run();
				}
				catch (RuntimeException ex) {
					// a listener's failure must not stop the callback thread
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// closed: nobody is listening any more
		}
	}

}
