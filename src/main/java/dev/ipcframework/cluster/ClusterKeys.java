package dev.ipcframework.cluster;

import java.nio.charset.StandardCharsets;

/**
 * The names of the node's Redis keys and pub/sub channels. App and channel ids are the clients' choice and may hold
 * any character, so a name that holds both gives the app id's length first: {@code a:b} + {@code c} and {@code a} +
 * {@code b:c} never share a name.
 */
final class ClusterKeys {

	private static final String PREFIX = "ipc:";

	/** The ids of the nodes that joined; each is alive while its {@link #alive} key exists. */
	static final byte[] NODES = bytes(PREFIX + "nodes");

	/** Broadcasts to an application go to every node. */
	static final byte[] BROADCAST = bytes(PREFIX + "broadcast");

	private ClusterKeys() {
	}

	/** Where the publishes of one channel go; a node listens while it has a subscriber to the channel. */
	static byte[] publishTopic(String appId, String channelId) {
		return bytes(PREFIX + "pub:" + appAndChannel(appId, channelId));
	}

	/** A node's own inbox: messages for one of its connections, requests for it to answer, and their answers. */
	static byte[] inbox(String nodeId) {
		return bytes(PREFIX + "inbox:" + nodeId);
	}

	/** Exists, with a time to live, while the node beats; its value is the node's number of connections. */
	static byte[] alive(String nodeId) {
		return bytes(PREFIX + "alive:" + nodeId);
	}

	/** The id of the node that holds the connection with this id. */
	static byte[] connection(String connectionId) {
		return bytes(PREFIX + "connection:" + connectionId);
	}

	/** The ids of the nodes that answer requests on a channel (an {@code @IpcHandler}, or a serving client). */
	static byte[] served(String appId, String channelId) {
		return bytes(PREFIX + "served:" + appAndChannel(appId, channelId));
	}

	/**
	 * A channel's history position: a hash with its {@code epoch} and last {@code offset}. It shares a hash slot
	 * with the channel's {@link #historyStream}, as Redis Cluster requires of the keys of one script: both tags are
	 * the same text up to its first closing brace, whatever the names hold.
	 */
	static byte[] historyPosition(String appId, String channelId) {
		return bytes(PREFIX + "history:{" + appAndChannel(appId, channelId) + "}");
	}

	/** A channel's kept publishes: a stream whose entry ids are {@code <offset>-0}. */
	static byte[] historyStream(String appId, String channelId) {
		return bytes(PREFIX + "history:{" + appAndChannel(appId, channelId) + "}:stream");
	}

	/**
	 * An application's channels with a history, bounded in number: a sorted set of channel ids, each scored with
	 * the time its history keys expire.
	 */
	static byte[] historyChannels(String appId) {
		return bytes(PREFIX + "history-channels:" + appId);
	}

	/** The app and channel of a channel's presence keys, as {@link #presenceChannels} lists them. */
	static String channel(String appId, String channelId) {
		return appAndChannel(appId, channelId);
	}

	/** The ids of the nodes with subscribers to the channel in its presence. */
	static byte[] presenceNodes(String channel) {
		return bytes(PREFIX + "presence:{" + channel + "}");
	}

	/** A node's subscribers to the channel: connection id to the subscriber as a {@code presence} answer lists it. */
	static byte[] presence(String channel, String nodeId) {
		return bytes(PREFIX + "presence:{" + channel + "}:" + nodeId);
	}

	/** The channels a node has presence entries in, for it to clear what a former run of it left. */
	static byte[] presenceChannels(String nodeId) {
		return bytes(PREFIX + "presence-of:" + nodeId);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String appAndChannel(String appId, String channelId) {
		return appId.length() + ":" + appId + ":" + channelId;
	}

}
