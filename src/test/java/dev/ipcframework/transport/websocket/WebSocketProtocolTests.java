package dev.ipcframework.transport.websocket;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.ipcframework.transport.websocket.FrameDecoderTests.clientFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The WebSocket protocol as the service speaks it on the upgraded connection, byte for byte on a raw socket: the
 * handshake's answer, pings, fragments with control frames between them, the close handshake, and the close codes
 * for frames that break the protocol.
 */
class WebSocketProtocolTests extends IpcServerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Socket socket;

	private DataInputStream in;

	private OutputStream out;

	private String handshake;

	@BeforeEach
	void upgrade() throws IOException {
		this.socket = new Socket();
		this.socket.connect(new InetSocketAddress("127.0.0.1", this.httpPort), 5_000);
		this.socket.setSoTimeout((int) RawClient.TIMEOUT.toMillis());
		this.out = this.socket.getOutputStream();
		this.in = new DataInputStream(this.socket.getInputStream());
		// the key of RFC 6455's own example, whose answer it gives
		this.out.write(("GET /ipc HTTP/1.1\r\nHost: 127.0.0.1:" + this.httpPort + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			head.append((char) this.in.readUnsignedByte());
		}
		this.handshake = head.toString();
	}

	@AfterEach
	void close() throws IOException {
		this.socket.close();
	}

	@Test
	void theHandshakeIsAnsweredWithTheKeysProof() {
		assertThat(this.handshake).startsWith("HTTP/1.1 101");
		assertThat(this.handshake).containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		assertThat(this.handshake.toLowerCase()).contains("upgrade: websocket");
	}

	@Test
	void aPingIsAnsweredWithAPongCarryingItsData() throws IOException {
		this.out.write(clientFrame(true, 0x9, new byte[] { 7, 8, 9 }));

		ServerFrame pong = readFrame();
		assertThat(pong.opcode()).isEqualTo(0xA);
		assertThat(pong.payload()).containsExactly(7, 8, 9);
	}

	@Test
	void aRequestInFragmentsWithAPingBetweenThemIsOneMessageAndAnsweredInOneUnmaskedTextFrame() throws IOException {
		connect();
		byte[] request = RawClient.envelope(TestHandlers.APP, "echo", "request", Map.of("text", "größer € 😀"))
			.toString()
			.getBytes(StandardCharsets.UTF_8);
		// split inside the multi-byte characters too
		int third = request.length / 3;
		this.out.write(clientFrame(false, 0x1, java.util.Arrays.copyOfRange(request, 0, third)));
		this.out.write(clientFrame(true, 0x9, new byte[0]));
		this.out.write(clientFrame(false, 0x0, java.util.Arrays.copyOfRange(request, third, 2 * third)));
		this.out.write(clientFrame(true, 0x0, java.util.Arrays.copyOfRange(request, 2 * third, request.length)));

		assertThat(readFrame().opcode()).isEqualTo(0xA);
		ServerFrame response = readFrame();
		assertThat(response.opcode()).isEqualTo(0x1);
		assertThat(response.masked()).isFalse();
		assertThat(json(response).path("payload").path("text").asString()).isEqualTo("größer € 😀");
	}

	@Test
	void theClientsCloseIsAnsweredWithItsCodeAndTheConnectionEnds() throws IOException {
		this.out.write(clientFrame(true, 0x8, closePayload(4001, "done")));

		ServerFrame close = readFrame();
		assertThat(close.opcode()).isEqualTo(0x8);
		assertThat(ByteBuffer.wrap(close.payload()).getShort() & 0xffff).isEqualTo(4001);
		assertConnectionEnds();
	}

	@Test
	void anUnmaskedFrameIsAProtocolErrorThatClosesTheSession() throws IOException {
		byte[] frame = clientFrame(true, 0x1, "{}".getBytes(StandardCharsets.UTF_8));
		frame[1] &= 0x7f;
		// an unmasked frame has no mask key: drop it, so that the length still tells where the frame ends
		byte[] unmasked = new byte[frame.length - 4];
		unmasked[0] = frame[0];
		unmasked[1] = frame[1];
		unmasked[2] = '{';
		unmasked[3] = '}';
		this.out.write(unmasked);

		assertClosedWith(1002, "masked");
	}

	@Test
	void aWholeTextThatIsNotUtf8IsABadFrameAndTheSessionStays() throws IOException {
		connect();
		this.out.write(clientFrame(true, 0x1, new byte[] { '{', (byte) 0xc3, (byte) 0x28, '}' }));

		ServerFrame error = readFrame();
		assertThat(error.opcode()).isEqualTo(0x1);
		assertThat(json(error).path("payload").path("error").path("code").asString()).isEqualTo("BAD_FRAME");
		this.out.write(clientFrame(true, 0x9, new byte[] { 1 }));
		assertThat(readFrame().opcode()).isEqualTo(0xA);
	}

	@Test
	void aFragmentedTextThatIsNotUtf8ClosesTheSessionAsBadData() throws IOException {
		this.out.write(clientFrame(false, 0x1, new byte[] { '{', (byte) 0xc3 }));
		this.out.write(clientFrame(true, 0x0, new byte[] { (byte) 0x28, '}' }));

		assertClosedWith(1007, "UTF-8");
	}

	@Test
	void anUnknownOpcodeIsAProtocolError() throws IOException {
		this.out.write(clientFrame(true, 0x5, new byte[0]));

		assertClosedWith(1002, "opcode");
	}

	private void connect() throws IOException {
		byte[] connect = RawClient
			.envelope(TestHandlers.APP, "system", "request", Map.of("action", "connect", "connection_id", "raw"))
			.toString()
			.getBytes(StandardCharsets.UTF_8);
		this.out.write(clientFrame(true, 0x1, connect));
		assertThat(json(readFrame()).path("payload").path("status").asString()).isEqualTo("connected");
	}

	private void assertClosedWith(int code, String reason) throws IOException {
		ServerFrame close = readFrame();
		assertThat(close.opcode()).isEqualTo(0x8);
		ByteBuffer payload = ByteBuffer.wrap(close.payload());
		assertThat(payload.getShort() & 0xffff).isEqualTo(code);
		assertThat(StandardCharsets.UTF_8.decode(payload).toString()).contains(reason);
		assertConnectionEnds();
	}

	private void assertConnectionEnds() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> {
			while (true) {
				readFrame();
			}
		});
	}

	private static byte[] closePayload(int code, String reason) {
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
	}

	private static JsonNode json(ServerFrame frame) {
		return JSON.readTree(new String(frame.payload(), StandardCharsets.UTF_8));
	}

	private ServerFrame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7f;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return new ServerFrame(first & 0x0f, (second & 0x80) != 0, payload);
	}

	private record ServerFrame(int opcode, boolean masked, byte[] payload) {
	}

}
