package dev.ipcframework.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;

import javax.net.ssl.SSLSocketFactory;

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

	/** Opens the transport of the options' url; {@code httpClient} is the one of a WebSocket url. */
	static ClientTransport open(Options options, HttpClient httpClient, Listener listener) throws IOException {
		URI url = options.url();
		if (OptionsValidation.isTcp(url)) {
			SSLSocketFactory tls = !"tcps".equals(url.getScheme()) ? null
					: (options.sslContext() != null) ? options.sslContext().getSocketFactory()
							: (SSLSocketFactory) SSLSocketFactory.getDefault();
			return TcpClientTransport.open(url.getHost(), url.getPort(), tls, options.connectTimeout(),
					options.maxFrameSize(), listener);
		}
		return WebSocketClientTransport.open(httpClient, url, options.connectTimeout(), options.maxFrameSize(),
				listener);
	}

}
