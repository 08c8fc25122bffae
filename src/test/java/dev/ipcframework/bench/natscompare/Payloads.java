package dev.ipcframework.bench.natscompare;

/**
 * The 100-byte payloads every scenario sends, the same bytes to every server: a request body, and a publish body
 * that begins with its sequence number, {@code {"seq":"0000000042","data":"xx…"}} (a string: JSON numbers may not
 * have leading zeros, and a fixed width lets the number be written into a template in place).
 */
final class Payloads {

	static final int SIZE = 100;

	static final String SEQUENCE_PREFIX = "{\"seq\":\"";

	/** {@code {"data":"xx…x"}}, 100 bytes. */
	static final String REQUEST = "{\"data\":\"" + "x".repeat(SIZE - 11) + "\"}";

	/** {@code {"seq":"0000000000","data":"xx…x"}}, 100 bytes; the sequence number starts at offset 8. */
	static final String PUBLISH = SEQUENCE_PREFIX + "0".repeat(FrameTemplate.SEQUENCE_DIGITS) + "\",\"data\":\""
			+ "x".repeat(SIZE - 30) + "\"}";

	private Payloads() {
	}

}
