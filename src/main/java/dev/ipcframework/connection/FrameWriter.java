package dev.ipcframework.connection;

import java.io.IOException;
import java.util.List;

/**
 * The transport's side of a connection: writes frames, blocking until they are handed to the socket, and closes.
 * Called by one thread at a time.
 */
public interface FrameWriter {

	/** Writes the frames in order, in as few socket writes as the transport allows. */
	void write(List<byte[]> frames) throws IOException;

	void close();

}
