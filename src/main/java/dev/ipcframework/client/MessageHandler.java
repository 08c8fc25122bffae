package dev.ipcframework.client;

import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * Receives the messages of a subscribed channel: publishes, and notifications the server pushes on it. Handlers
 * of one client are called one at a time, in the order the messages arrived, on the client's callback thread.
 * A handler that wants each message's position in the channel's history is made with {@link #positioned}.
 */
@FunctionalInterface
public interface MessageHandler {

	void onMessage(IpcEnvelope message) throws Exception;

	/**
	 * What the client calls: by default {@link #onMessage(IpcEnvelope)}, without the position.
	 * @param position where the message stands in its channel's history, or {@code null} when the server gave
	 * none (no history on the channel, or {@link Options.Builder#recovery} turned off)
	 */
	default void onMessage(IpcEnvelope message, @Nullable StreamPosition position) throws Exception {
		onMessage(message);
	}

	/** A handler that receives each message with its position. */
	static MessageHandler positioned(PositionedHandler handler) {
		return new MessageHandler() {

			@Override
			public void onMessage(IpcEnvelope message) throws Exception {
				handler.onMessage(message, null);
			}

			@Override
			public void onMessage(IpcEnvelope message, @Nullable StreamPosition position) throws Exception {
				handler.onMessage(message, position);
			}

		};
	}

	/** Receives a message with its position in the channel's history; see {@link MessageHandler#positioned}. */
	@FunctionalInterface
	interface PositionedHandler {

		void onMessage(IpcEnvelope message, @Nullable StreamPosition position) throws Exception;

	}

}
