package dev.ipcframework.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Options} accepts; each check returns the value it passed or throws
 * {@link IllegalArgumentException} naming the option.
 */
final class OptionsValidation {

	private OptionsValidation() {
	}

	/** {@code tcp://host:port}, {@code tcps://host:port}, {@code ws://...} or {@code wss://...}. */
	static URI url(@Nullable URI url) {
		Objects.requireNonNull(url, "url is required");
		String scheme = String.valueOf(url.getScheme());
		if (!scheme.equals("tcp") && !scheme.equals("tcps") && !scheme.equals("ws") && !scheme.equals("wss")) {
			throw new IllegalArgumentException("url must be tcp://host:port, tcps://host:port, ws://host:port/path or "
					+ "wss://host:port/path, not " + url);
		}
		if (isTcp(url) && (url.getHost() == null || url.getPort() < 0)) {
			throw new IllegalArgumentException("a " + scheme + " url needs a host and a port: " + url);
		}
		return url;
	}

	/** Whether the url is of the TCP transport, plain or over TLS. */
	static boolean isTcp(URI url) {
		return "tcp".equals(url.getScheme()) || "tcps".equals(url.getScheme());
	}

	static String requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	static Duration positive(Duration value, String name) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

	static int positive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

	static Duration notNegative(Duration value, String name) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return value;
	}

}
