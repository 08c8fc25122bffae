package dev.ipcframework.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What one node sends another through Redis: an encoded envelope (the frame its clients get, encoded once by the
 * sending node) with who sent it and where it goes. On the wire: the kind as one byte, the origin, app id and
 * address each as a 2-byte length and UTF-8, then the frame.
 *
 * @param kind what the receiving node does with the frame
 * @param origin the id of the sending node; a node ignores its own publishes when Redis hands them back
 * @param appId the application ({@code ""} when the frame says it)
 * @param address the channel of a publish, the connection a message or request is for, the token of a recovery,
 * else {@code ""}
 * @param frame the encoded envelope
 */
record ClusterMessage(Kind kind, String origin, String appId, String address, byte[] frame) {

	enum Kind {

		/** To the subscribers of the channel on the receiving node. */
		PUBLISH,

		/** To one connection of the receiving node. */
		SEND,

		/** To every connection of the application on the receiving node. */
		BROADCAST,

		/** A request for the receiving node to answer; {@code address} is the requester's connection id. */
		REQUEST,

		/** The answer to a request the receiving node forwarded. */
		RESPONSE,

		/**
		 * A publish kept in the channel's history, to the channel's subscribers on every node, the publishing one
		 * too; the frame is {@link KeptPublish}'s. Written by Redis, which appends the position to the head.
		 */
		KEPT,

		/**
		 * What a recovery read from a channel's history, back to the recovering node in the order of the channel's
		 * publishes; {@code address} is the recovery's token, the frame {@link StoredHistory}'s.
		 */
		RECOVERY,

		/** A subscriber joined or left a channel: the encoded {@code presence_event}, for the listeners there. */
		PRESENCE

	}

	private static final Kind[] KINDS = Kind.values();

	byte[] toBytes() {
		byte[] originBytes = origin.getBytes(StandardCharsets.UTF_8);
		byte[] appBytes = appId.getBytes(StandardCharsets.UTF_8);
		byte[] addressBytes = address.getBytes(StandardCharsets.UTF_8);
		ByteBuffer out = ByteBuffer
			.allocate(1 + 6 + originBytes.length + appBytes.length + addressBytes.length + this.frame.length);
		out.put((byte) this.kind.ordinal());
		putString(out, originBytes);
		putString(out, appBytes);
		putString(out, addressBytes);
		out.put(this.frame);
		return out.array();
	}

	/** @throws IllegalArgumentException when the bytes are not a message of this form */
	static ClusterMessage parse(byte[] bytes) {
		try {
			ByteBuffer in = ByteBuffer.wrap(bytes);
			Kind kind = KINDS[in.get()];
			String origin = getString(in);
			String appId = getString(in);
			String address = getString(in);
			byte[] frame = new byte[in.remaining()];
			in.get(frame);
			return new ClusterMessage(kind, origin, appId, address, frame);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not a cluster message", ex);
		}
	}

	private static void putString(ByteBuffer out, byte[] text) {
		if (text.length > 0xFFFF) {
			throw new IllegalArgumentException("a name of " + text.length + " bytes does not fit a cluster message");
		}
		out.putShort((short) text.length);
		out.put(text);
	}

	private static String getString(ByteBuffer in) {
		int length = Short.toUnsignedInt(in.getShort());
		String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
		in.position(in.position() + length);
		return text;
	}

}
