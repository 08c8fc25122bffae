package dev.ipcframework.connection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * A log for what clients can make happen as often as they like (bad first frames, oversized frames, slow
 * consumers, failing handlers): at most one line per kind per interval, the next one saying how many were left out
 * meanwhile. A client then cannot decide how fast the log grows, and the operator still learns that it happens and
 * how often. Lines left out still go to the debug level.
 * <p>
 * A kind is a constant of the server's code (an error code, a handler), never text a client sent, so that the
 * kinds themselves stay few.
 */
public final class ThrottledLog {

	/** How often a line of one kind may be written. */
	public static final Duration INTERVAL = Duration.ofSeconds(10);

	private final Log log;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	public ThrottledLog(Log log) {
		this(log, INTERVAL, System::nanoTime);
	}

	ThrottledLog(Log log, Duration interval, LongSupplier nanoClock) {
		this.log = log;
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
	}

	public void info(String kind, Supplier<String> message) {
		if (this.log.isInfoEnabled()) {
			long skipped = admit(kind);
			if (skipped >= 0) {
				this.log.info(withSkipped(message.get(), skipped));
			}
			else if (this.log.isDebugEnabled()) {
				this.log.debug(message.get());
			}
		}
	}

	public void warn(String kind, Supplier<String> message) {
		warn(kind, message, null);
	}

	/** A warning with its cause's stack trace, which is left out, with the line, while the kind is throttled. */
	public void warn(String kind, Supplier<String> message, @Nullable Throwable cause) {
		if (this.log.isWarnEnabled()) {
			long skipped = admit(kind);
			if (skipped >= 0) {
				this.log.warn(withSkipped(message.get(), skipped), cause);
			}
			else if (this.log.isDebugEnabled()) {
				this.log.debug(message.get(), cause);
			}
		}
	}

	/** @return how many lines of the kind were left out since the last one written, or -1 to leave this one out */
	private long admit(String kind) {
		long now = this.nanoClock.getAsLong();
		Window window = this.windows.computeIfAbsent(kind, (k) -> new Window());
		synchronized (window) {
			if (window.written && now - window.nextNanos < 0) {
				window.skipped++;
				return -1;
			}
			long skipped = window.skipped;
			window.written = true;
			window.skipped = 0;
			window.nextNanos = now + this.intervalNanos;
			return skipped;
		}
	}

	private static String withSkipped(String message, long skipped) {
		if (skipped == 0) {
			return message;
		}
		return message + " (" + skipped + " more like it since the previous one, not logged)";
	}

	private static final class Window {

		boolean written;

		long nextNanos;

		long skipped;

	}

}
