package dev.ipcframework.handler;

import dev.ipcframework.protocol.MessageType;

/**
 * What a handler answers for: one message type on one channel of one application.
 */
public record HandlerKey(String appId, String channelId, MessageType type) {

	@Override
	public String toString() {
		return "app '" + this.appId + "' channel '" + this.channelId + "' type " + this.type.wireName();
	}

}
