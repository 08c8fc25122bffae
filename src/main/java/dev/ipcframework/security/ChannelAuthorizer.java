package dev.ipcframework.security;

import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import org.jspecify.annotations.Nullable;

/**
 * Asked before a connection subscribes, publishes, notifies, requests or serves: whether its principal allows it.
 */
public class ChannelAuthorizer {

	/**
	 * @param principal the connection's principal; {@code null} (no authentication) allows everything
	 * @throws IpcException {@code FORBIDDEN} when the principal does not allow the action on the channel
	 */
	public void check(@Nullable IpcPrincipal principal, IpcAction action, String channelId) {
		if (principal != null && !principal.permits(action, channelId)) {
			throw new IpcException(IpcErrorCode.FORBIDDEN,
					"'" + principal.name() + "' may not " + action.claimName() + " on channel '" + channelId + "'");
		}
	}

}
