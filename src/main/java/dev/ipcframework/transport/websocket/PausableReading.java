package dev.ipcframework.transport.websocket;

/** A session whose reading can stop between messages without holding a thread, and go on later. */
interface PausableReading {

	void suspendReading();

	void resumeReading();

	boolean isOpen();

	String getId();

}
