package dev.ipcframework.protocol;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One decoded frame: its envelope, plus the optional top-level fields that are not part of the seven-field
 * envelope. Original clients never send those; the envelope stays exactly what they know.
 *
 * @param envelope the message
 * @param requestTimeout from {@code timeout_ms}: how long the sender of a request will wait for its answer, or
 * {@code null} when it did not say
 * @param position from {@code offset} and {@code epoch}: where a publish stands in its channel's history, as the
 * server tells connections that asked for {@code offsets}; {@code null} when the frame has none (or a malformed
 * one). Clients read it; the server ignores it in what clients send
 */
public record DecodedFrame(IpcEnvelope envelope, @Nullable Duration requestTimeout,
		@Nullable StreamPosition position) {

	/** The top-level field a requester may add to ask for a shorter server-side timeout, in milliseconds. */
	public static final String TIMEOUT_FIELD = "timeout_ms";

	/** A frame without a position. */
	public DecodedFrame(IpcEnvelope envelope, @Nullable Duration requestTimeout) {
		this(envelope, requestTimeout, null);
	}

}
