package dev.ipcframework.connection;

import org.jspecify.annotations.Nullable;

/**
 * Text a client chose (its connection id, app id, channel names, the parts of a bad frame quoted in an error), made
 * safe to log: control characters escaped, so that a newline cannot start a forged log line and a NUL byte cannot
 * reach the log (CWE-117), and the length capped, so that a client cannot fill the log with one name.
 */
public final class ClientText {

	/** Characters of client text kept in one log line. */
	static final int MAX_LOGGED_CHARS = 200;

	private ClientText() {
	}

	/** The text as it may appear in a log line; {@code null} as {@code "null"}. */
	public static String forLog(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		int length = Math.min(text.length(), MAX_LOGGED_CHARS);
		StringBuilder safe = null;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			boolean control = c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029';
			if (control && safe == null) {
				safe = new StringBuilder(length + 16).append(text, 0, i);
			}
			if (safe != null) {
				if (control) {
					safe.append(String.format("\\u%04x", (int) c));
				}
				else {
					safe.append(c);
				}
			}
		}
		String kept = (safe != null) ? safe.toString() : text.substring(0, length);
		return (text.length() > MAX_LOGGED_CHARS) ? kept + "…(" + text.length() + " chars)" : kept;
	}

}
