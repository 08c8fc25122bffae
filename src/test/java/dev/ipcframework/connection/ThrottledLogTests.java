package dev.ipcframework.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledLogTests {

	private final AtomicLong now = new AtomicLong();

	private final RecordingLog log = new RecordingLog();

	private final ThrottledLog throttled = new ThrottledLog(this.log, Duration.ofSeconds(10), this.now::get);

	@Test
	void writesOneLinePerKindPerIntervalAndThenSaysHowManyItLeftOut() {
		for (int i = 0; i < 1000; i++) {
			this.throttled.info("BAD_FRAME", () -> "Closing: BAD_FRAME");
			this.throttled.info("FRAME_TOO_LARGE", () -> "Closing: FRAME_TOO_LARGE");
		}
		this.now.addAndGet(Duration.ofSeconds(10).toNanos());
		this.throttled.info("BAD_FRAME", () -> "Closing: BAD_FRAME");
		this.throttled.info("BAD_FRAME", () -> "Closing: BAD_FRAME");

		assertThat(this.log.info).containsExactly("Closing: BAD_FRAME", "Closing: FRAME_TOO_LARGE",
				"Closing: BAD_FRAME (999 more like it since the previous one, not logged)");
		assertThat(this.log.debug).hasSize(999 + 999 + 1);
	}

	@Test
	void aWarningKeepsItsCauseOnlyOnTheLinesWritten() {
		IllegalStateException cause = new IllegalStateException("broke");
		for (int i = 0; i < 5; i++) {
			this.throttled.warn("handler", () -> "Handler failed", cause);
		}

		assertThat(this.log.warn).containsExactly("Handler failed");
		assertThat(this.log.causes).containsExactly(cause);
	}

	/** Records info, warn and debug lines; every level is on. */
	private static final class RecordingLog implements Log {

		final List<String> info = new ArrayList<>();

		final List<String> warn = new ArrayList<>();

		final List<String> debug = new ArrayList<>();

		final List<Throwable> causes = new ArrayList<>();

		@Override
		public void info(Object message) {
			this.info.add(String.valueOf(message));
		}

		@Override
		public void info(Object message, Throwable cause) {
			info(message);
		}

		@Override
		public void warn(Object message) {
			this.warn.add(String.valueOf(message));
		}

		@Override
		public void warn(Object message, Throwable cause) {
			warn(message);
			if (cause != null) {
				this.causes.add(cause);
			}
		}

		@Override
		public void debug(Object message) {
			this.debug.add(String.valueOf(message));
		}

		@Override
		public void debug(Object message, Throwable cause) {
			debug(message);
		}

		@Override
		public void error(Object message) {
		}

		@Override
		public void error(Object message, Throwable cause) {
		}

		@Override
		public void fatal(Object message) {
		}

		@Override
		public void fatal(Object message, Throwable cause) {
		}

		@Override
		public void trace(Object message) {
		}

		@Override
		public void trace(Object message, Throwable cause) {
		}

		@Override
		public boolean isDebugEnabled() {
			return true;
		}

		@Override
		public boolean isErrorEnabled() {
			return true;
		}

		@Override
		public boolean isFatalEnabled() {
			return true;
		}

		@Override
		public boolean isInfoEnabled() {
			return true;
		}

		@Override
		public boolean isTraceEnabled() {
			return true;
		}

		@Override
		public boolean isWarnEnabled() {
			return true;
		}

	}

}
