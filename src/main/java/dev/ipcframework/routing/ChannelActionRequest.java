package dev.ipcframework.routing;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.security.ChannelAuthorizer;
import dev.ipcframework.security.IpcAction;
import tools.jackson.databind.JsonNode;

/**
 * The channel a {@code system} action about a channel's subscribers ({@code history}, {@code presence}) names in
 * its {@code channel_id}; what a connection may learn of a channel is what it could learn by subscribing to it.
 */
final class ChannelActionRequest {

	private ChannelActionRequest() {
	}

	/**
	 * @throws IpcException {@code BAD_REQUEST} without a string {@code channel_id}, {@code FORBIDDEN} for
	 * {@code system} or a channel the connection may not subscribe to, {@code CHANNEL_NAME_TOO_LONG}
	 */
	static String channelId(ConnectionHandle connection, IpcEnvelope request, String action,
			ChannelRegistry channels, ChannelAuthorizer authorizer) {
		JsonNode channelId = request.payload().get("channel_id");
		if (channelId == null || !channelId.isString() || channelId.stringValue().isEmpty()) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "'" + action + "' needs a string field 'channel_id'");
		}
		String channel = channelId.stringValue();
		if (IpcEnvelope.SYSTEM_CHANNEL.equals(channel)) {
			throw new IpcException(IpcErrorCode.FORBIDDEN, "channel 'system' has no subscribers");
		}
		channels.checkName(channel);
		authorizer.check(connection.principal(), IpcAction.SUBSCRIBE, channel);
		return channel;
	}

}
