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
 */
public record DecodedFrame(IpcEnvelope envelope, @Nullable Duration requestTimeout) {

	/** The top-level field a requester may add to ask for a shorter server-side timeout, in milliseconds. */
	public static final String TIMEOUT_FIELD = "timeout_ms";

}
