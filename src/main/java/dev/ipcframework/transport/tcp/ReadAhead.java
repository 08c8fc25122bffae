package dev.ipcframework.transport.tcp;

/**
 * A connection that reads ahead of the frame it hands over, and can tell whether the next one is already in.
 */
interface ReadAhead {

	/**
	 * Whether the whole of the next frame has already been read from the socket, so that handling it needs no wait
	 * for the peer (which may itself be waiting for an answer before it sends the rest).
	 */
	boolean hasBufferedFrame();

}
