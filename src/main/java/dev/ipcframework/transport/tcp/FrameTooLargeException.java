package dev.ipcframework.transport.tcp;

import java.io.IOException;

/**
 * A length header announced a frame longer than the limit. Thrown before any of the body is read or allocated.
 */
public class FrameTooLargeException extends IOException {

	private final long length;

	private final int limit;

	public FrameTooLargeException(long length, int limit) {
		super("frame of " + length + " bytes exceeds the limit of " + limit + " bytes");
		this.length = length;
		this.limit = limit;
	}

	public long length() {
		return this.length;
	}

	public int limit() {
		return this.limit;
	}

}
