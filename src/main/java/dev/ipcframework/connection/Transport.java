package dev.ipcframework.connection;

/**
 * The transports a client can connect over.
 */
public enum Transport {

	TCP, WEBSOCKET

}
