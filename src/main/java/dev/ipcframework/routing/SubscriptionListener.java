package dev.ipcframework.routing;

/**
 * Told when a channel may have gained its first subscriber on this server or lost its last one, so that servers
 * sharing clients know which of them wants a channel's publishes. Calls may race and arrive out of order: the
 * listener reads the channel's count (and the registry's current channel) rather than trusting the call.
 */
@FunctionalInterface
public interface SubscriptionListener {

	/** Nobody listens: this server is on its own. */
	SubscriptionListener NONE = (channel) -> {
	};

	void subscribersChanged(IpcChannel channel);

}
