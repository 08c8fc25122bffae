package dev.ipcframework.client;

/**
 * A handler registered with {@link IpcClient#subscribe} or {@link IpcClient#serve}. It stays registered across
 * reconnects until {@link #unsubscribe()} is called or the client is closed.
 */
public interface Subscription {

	/** The channel this registration is on. */
	String channel();

	/** Whether the handler still receives messages. */
	boolean isActive();

	/**
	 * Removes the handler. When it was the channel's last subscriber, the client unsubscribes from the channel
	 * (for {@code serve}: stops serving it). Calling it again does nothing.
	 */
	void unsubscribe();

}
