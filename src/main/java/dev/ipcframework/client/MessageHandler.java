package dev.ipcframework.client;

import dev.ipcframework.protocol.IpcEnvelope;

/**
 * Receives the messages of a subscribed channel: publishes, and notifications the server pushes on it. Handlers
 * of one client are called one at a time, in the order the messages arrived, on the client's callback thread.
 */
@FunctionalInterface
public interface MessageHandler {

	void onMessage(IpcEnvelope message) throws Exception;

}
