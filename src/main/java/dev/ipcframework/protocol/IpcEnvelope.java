package dev.ipcframework.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * One protocol message: the seven fields every frame carries.
 *
 * @param messageId unique id of this message
 * @param appId the application the message belongs to
 * @param channelId the channel inside that application
 * @param messageType one of the six types
 * @param payload any JSON value, never {@code null} (JSON null is {@link NullNode})
 * @param timestamp seconds since the Unix epoch
 * @param replyTo on a response, the id of the request it answers
 */
public record IpcEnvelope(String messageId, String appId, String channelId, MessageType messageType,
		JsonNode payload, double timestamp, @Nullable String replyTo) {

	/** The channel the server answers itself: handshake, ping and error notices. */
	public static final String SYSTEM_CHANNEL = "system";

	public IpcEnvelope {
		payload = (payload != null) ? payload : NullNode.getInstance();
	}

	/** A new message with a fresh id and the current time. */
	public static IpcEnvelope create(String appId, String channelId, MessageType type, JsonNode payload) {
		return new IpcEnvelope(newMessageId(), appId, channelId, type, payload, now(), null);
	}

	/** A response to this message, on the same app and channel, replying to its id. */
	public IpcEnvelope respond(JsonNode responsePayload) {
		return new IpcEnvelope(newMessageId(), this.appId, this.channelId, MessageType.RESPONSE, responsePayload,
				now(), this.messageId);
	}

	/** An error response to this message. */
	public IpcEnvelope respondWithError(IpcError error) {
		return respond(error.toPayload());
	}

	/** An error not tied to a request: a notification on the {@code system} channel. */
	public static IpcEnvelope systemError(String appId, IpcError error) {
		return systemError(appId, error, null);
	}

	/**
	 * An error notice about a message that is not a request (a refused publish or subscribe, a failed notification
	 * handler): a notification on the {@code system} channel whose {@code reply_to} names that message, so that its
	 * sender can tell which message was refused. Original clients match only responses on {@code reply_to}, so
	 * they still take it as a plain notice.
	 */
	public static IpcEnvelope systemError(String appId, IpcError error, @Nullable String refusedMessageId) {
		return new IpcEnvelope(newMessageId(), appId, SYSTEM_CHANNEL, MessageType.NOTIFICATION, error.toPayload(),
				now(), refusedMessageId);
	}

	/** This message with {@code reply_to} set: for an error notice about the message with that id. */
	public IpcEnvelope replyingTo(@Nullable String messageId) {
		return new IpcEnvelope(this.messageId, this.appId, this.channelId, this.messageType, this.payload,
				this.timestamp, messageId);
	}

	public boolean isSystem() {
		return SYSTEM_CHANNEL.equals(this.channelId);
	}

	/**
	 * A random (version 4) UUID, as the original server's {@code uuid4()}. Message ids only need to be unique, not
	 * unpredictable, so they come from {@link ThreadLocalRandom} rather than {@code UUID.randomUUID()}'s shared
	 * {@code SecureRandom}, which costs a hash per id and contends between threads.
	 */
	public static String newMessageId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(most, least).toString();
	}

	public static double now() {
		return System.currentTimeMillis() / 1000.0;
	}

}
