package dev.ipcframework.bench.natscompare;

/**
 * What a {@link WireProtocol} found in the bytes a connection received. Each load implements the events it cares
 * about; the others are ignored.
 */
interface FrameSink {

	/** A response to the request sent in this in-flight slot; {@code error} when it carried an error payload. */
	default void onReply(int slot, boolean error) {
	}

	/** A published message carrying this sequence number. */
	default void onPublish(long sequence) {
	}

	/** An error the server sent without a request to answer (for instance {@code SLOW_CONSUMER}, {@code -ERR}). */
	default void onNotice(String text) {
	}

	/** The server pinged: the connection must answer with {@link WireProtocol#pong()}. */
	default void onPing() {
	}

	/** The server closed the session at the protocol level (a WebSocket close frame). */
	default void onClose() {
	}

}
