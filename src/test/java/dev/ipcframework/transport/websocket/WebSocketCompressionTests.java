package dev.ipcframework.transport.websocket;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permessage-deflate extension that browsers offer with every upgrade is declined unless
 * {@code ipc.websocket.compression} is on: compressing each small envelope on its own costs the server far more than
 * the envelope does ({@link WebSocketCompressionOnTests}: accepted when it is on).
 */
class WebSocketCompressionTests extends IpcServerTest {

	/** What Chrome and Firefox send. */
	static final String BROWSER_EXTENSIONS = "permessage-deflate; client_max_window_bits";

	@Test
	void theExtensionBrowsersOfferIsDeclinedAndTheSessionOpens() throws IOException {
		String response = upgrade(this.httpPort);

		assertThat(response).startsWith("HTTP/1.1 101");
		assertThat(response.toLowerCase()).doesNotContain("sec-websocket-extensions");
		RawClient client = connected(Transport.WEBSOCKET, TestHandlers.APP);
		assertThat(client.request("echo", Map.of("n", 1)).path("payload").path("n").asInt()).isEqualTo(1);
	}

	/** Sends an upgrade request as a browser does, and returns the response's head. */
	static String upgrade(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout((int) RawClient.TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("GET /ipc HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: " + BROWSER_EXTENSIONS + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			DataInputStream in = new DataInputStream(socket.getInputStream());
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				head.append((char) in.readUnsignedByte());
			}
			return head.toString();
		}
	}

}
