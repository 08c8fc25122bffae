package dev.ipcframework.bench.natscompare;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level searches and fixed-width decimal numbers in ASCII frames. The load generator finds a reply's slot or a
 * publish's sequence number with these instead of parsing JSON, so that it stays cheaper than the servers it loads.
 */
final class AsciiBytes {

	private AsciiBytes() {
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	static String text(byte[] bytes, int from, int to) {
		return new String(bytes, from, Math.max(0, to - from), StandardCharsets.UTF_8);
	}

	/** The first index in [from, to) where pattern starts, or -1. */
	static int indexOf(byte[] bytes, int from, int to, byte[] pattern) {
		int last = to - pattern.length;
		byte first = pattern[0];
		outer: for (int i = Math.max(0, from); i <= last; i++) {
			if (bytes[i] != first) {
				continue;
			}
			for (int j = 1; j < pattern.length; j++) {
				if (bytes[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** The last index in [from, to) where pattern starts, or -1: finds a key near the end of a frame quickly. */
	static int lastIndexOf(byte[] bytes, int from, int to, byte[] pattern) {
		byte first = pattern[0];
		outer: for (int i = to - pattern.length; i >= Math.max(0, from); i--) {
			if (bytes[i] != first) {
				continue;
			}
			for (int j = 1; j < pattern.length; j++) {
				if (bytes[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	static boolean startsWith(byte[] bytes, int at, int to, byte[] prefix) {
		if (to - at < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[at + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/** The index of the next CR LF in [from, to), or -1. */
	static int indexOfCrLf(byte[] bytes, int from, int to) {
		for (int i = from; i < to - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** The number written in exactly width digits at offset, or -1 when one of them is not a digit. */
	static long parseDigits(byte[] bytes, int offset, int width) {
		if (offset < 0 || offset + width > bytes.length) {
			return -1;
		}
		long value = 0;
		for (int i = offset; i < offset + width; i++) {
			int digit = bytes[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/** Writes value in exactly width digits, with leading zeros, over a template's placeholder. */
	static void writeDigits(byte[] bytes, int offset, int width, long value) {
		long rest = value;
		for (int i = offset + width - 1; i >= offset; i--) {
			bytes[i] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
	}

}
