package dev.ipcframework.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A frame that is not a valid envelope. Carries whatever could still be read from it, so that the error can
 * answer the request it came with when the frame was a request with an id.
 */
public class InvalidFrameException extends IpcException {

	private final @Nullable String messageId;

	private final @Nullable String channelId;

	private final boolean request;

	public InvalidFrameException(String message, @Nullable String messageId, @Nullable String channelId,
			boolean request) {
		super(IpcErrorCode.BAD_FRAME, message);
		this.messageId = messageId;
		this.channelId = channelId;
		this.request = request;
	}

	public InvalidFrameException(String message) {
		this(message, null, null, false);
	}

	/** The id of the request this frame was, when that much could be read, else {@code null}. */
	public @Nullable String requestId() {
		return (this.request && this.messageId != null && !this.messageId.isEmpty()) ? this.messageId : null;
	}

	public @Nullable String channelId() {
		return this.channelId;
	}

}
