package dev.ipcframework.routing;

/**
 * Bounds on what clients create by naming it: channels per application, and the length of channel and app ids.
 *
 * @param maxChannels the most channels one application may have at once
 * @param maxChannelNameLength the longest channel id, in characters
 * @param maxAppIdLength the longest app id, in characters
 */
public record ChannelLimits(int maxChannels, int maxChannelNameLength, int maxAppIdLength) {
}
