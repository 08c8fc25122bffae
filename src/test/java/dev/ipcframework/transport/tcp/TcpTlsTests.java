package dev.ipcframework.transport.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.TestCertificates;
import dev.ipcframework.testsupport.TlsServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCP port with {@code ipc.tcp.ssl.bundle}: the protocol over TLS, and what happens to peers that do not speak
 * TLS. Client certificates are asked for here, not required.
 */
class TcpTlsTests extends TlsServerTest {

	private static final String APP = TestHandlers.APP;

	@Test
	void requestAndResponseOverTls() {
		RawClient client = openTls(certificates.trustingClient());
		client.connect(APP);

		JsonNode response = client.request("greet", Map.of("name", "Ada", "age", 36));

		assertThat(response.path("payload").path("text").asString()).isEqualTo("Hello, Ada");
	}

	@Test
	void publishReachesSubscribersOverTls() {
		RawClient subscriber = openTls(certificates.trustingClient());
		subscriber.connect(APP);
		RawClient publisher = openTls(certificates.trustingClient());
		publisher.connect(APP);
		subscriber.send("tls-news", "subscribe", Map.of("connection_id", subscriber.connectionId()));
		subscriber.sync();

		String publishId = publisher.send("tls-news", "publish", Map.of("headline", "encrypted"));

		JsonNode message = subscriber.await((frame) -> "publish".equals(frame.path("message_type").asString()));
		assertThat(message.path("message_id").asString()).isEqualTo(publishId);
		assertThat(message.path("payload").path("headline").asString()).isEqualTo("encrypted");
	}

	@Test
	void plaintextIsClosedWithoutAnAnswerWhileTlsClientsCarryOn() throws IOException {
		RawClient tlsClient = openTls(certificates.trustingClient());
		tlsClient.connect(APP);

		byte[] received;
		try (Socket plain = new Socket()) {
			plain.connect(new InetSocketAddress("127.0.0.1", tcpPort()), 5000);
			plain.setSoTimeout(5000);
			OutputStream out = plain.getOutputStream();
			byte[] connect = RawClient.envelope(APP, "system", "request", Map.of("action", "connect",
					"connection_id", "plain")).toString().getBytes(StandardCharsets.UTF_8);
			out.write(ByteBuffer.allocate(4 + connect.length).putInt(connect.length).put(connect).array());
			out.flush();
			// the server closes the socket: end of stream (or a reset), never a timeout
			received = readUntilClosed(plain.getInputStream());
		}

		assertThat(new String(received, StandardCharsets.ISO_8859_1)).doesNotContain("connected");
		assertThat(tlsClient.sync().path("payload").path("status").asString()).isEqualTo("pong");
		RawClient later = openTls(certificates.trustingClient());
		assertThat(later.connect(APP).path("payload").path("status").asString()).isEqualTo("connected");
	}

	@Test
	void aPeerThatNeverStartsTheHandshakeHoldsUpNoOneElse() throws IOException {
		try (Socket silent = new Socket()) {
			silent.connect(new InetSocketAddress("127.0.0.1", tcpPort()), 5000);

			// accepted after the silent peer: would wait for ever if handshakes ran on the accepting thread
			RawClient client = openTls(certificates.trustingClient());

			assertThat(client.connect(APP).path("payload").path("status").asString()).isEqualTo("connected");
		}
	}

	@Test
	void aClientCertificateIsOptionalAndItsSubjectReachesHandlers() {
		RawClient anonymous = openTls(certificates.trustingClient());
		anonymous.connect(APP);
		RawClient certified = openTls(certificates.certifiedClient());
		certified.connect(APP);

		assertThat(anonymous.request("certificate", Map.of()).path("payload").path("subject").asString()).isEmpty();
		assertThat(certified.request("certificate", Map.of()).path("payload").path("subject").asString())
			.isEqualTo(TestCertificates.CLIENT_SUBJECT.replace(", ", ","));
	}

	/** Everything the peer sends until it closes the connection; fails on a read timeout. */
	static byte[] readUntilClosed(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[1024];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (SocketException reset) {
			// closed with a reset rather than a FIN: closed all the same
		}
		return bytes.toByteArray();
	}

}
