package dev.ipcframework.relay;

/**
 * Told when a channel gets its first serving client on this server or loses its last one, so that servers sharing
 * clients know where a channel's requests can be answered. Called under the lock of that channel's responder pool,
 * so the calls for one channel arrive in the order they happened; a listener must not block.
 */
@FunctionalInterface
public interface ServingListener {

	/** Nobody listens: this server is on its own. */
	ServingListener NONE = (appId, channelId, served) -> {
	};

	void servingChanged(String appId, String channelId, boolean served);

}
