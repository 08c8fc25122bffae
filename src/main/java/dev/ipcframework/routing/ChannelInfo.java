package dev.ipcframework.routing;

/**
 * A channel and how many connections are subscribed to it.
 */
public record ChannelInfo(String appId, String channelId, int subscribers) {
}
