package dev.ipcframework.connection;

import java.io.IOException;

/**
 * The transport's side of a connection: writes one frame, blocking until it is handed to the socket, and closes.
 * Called by one thread at a time.
 */
public interface FrameWriter {

	void write(byte[] frame) throws IOException;

	void close();

}
