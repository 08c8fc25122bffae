package dev.ipcframework.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * One open connection to the server that moves whole frames (one envelope each); TCP or WebSocket.
 */
interface ClientTransport {

	/** Sends one frame; safe to call from any thread. */
	void send(byte[] frame) throws IOException;

	/** Closes the connection; {@link Listener#closed} follows once. Calling it again does nothing. */
	void close();

	/** What a transport reports, from its own thread. */
	interface Listener {

		void frame(byte[] frame);

		/** The connection is gone; {@code cause} is null when it was closed on purpose. */
		void closed(Throwable cause);

	}

	static ClientTransport open(URI url, Duration connectTimeout, int maxFrameSize, HttpClient httpClient,
			Listener listener) throws IOException {
		if ("tcp".equals(url.getScheme())) {
			return TcpClientTransport.open(url.getHost(), url.getPort(), connectTimeout, maxFrameSize, listener);
		}
		return WebSocketClientTransport.open(httpClient, url, connectTimeout, maxFrameSize, listener);
	}

}
