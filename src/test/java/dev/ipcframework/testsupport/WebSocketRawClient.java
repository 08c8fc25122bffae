package dev.ipcframework.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One envelope per text message, as browsers send them, on the JDK's WebSocket client.
 */
public final class WebSocketRawClient extends RawClient {

	private final WebSocket socket;

	WebSocketRawClient(URI uri) {
		this(uri, HttpClient.newHttpClient());
	}

	/** A client on a shared {@link HttpClient}, for tests that open many connections at once. */
	WebSocketRawClient(URI uri, HttpClient httpClient) {
		this(uri, httpClient, Map.of());
	}

	/** A client whose upgrade request carries extra headers. */
	WebSocketRawClient(URI uri, HttpClient httpClient, Map<String, String> upgradeHeaders) {
		try {
			WebSocket.Builder builder = httpClient.newWebSocketBuilder();
			upgradeHeaders.forEach(builder::header);
			this.socket = builder
				.buildAsync(uri, new Listener())
				.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot open " + uri, ex);
		}
	}

	@Override
	public synchronized void sendFrame(byte[] body) {
		this.socket.sendText(new String(body, StandardCharsets.UTF_8), true).join();
	}

	/**
	 * Sends one text message in parts of at most {@code partSize} characters, as a streaming client would; a part
	 * never ends between the two halves of a surrogate pair, which the JDK's client cannot encode.
	 */
	public synchronized void sendTextInParts(String text, int partSize) {
		int end;
		for (int start = 0; start < text.length(); start = end) {
			end = Math.min(text.length(), start + partSize);
			if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			this.socket.sendText(text.substring(start, end), end == text.length()).join();
		}
	}

	/** Sends the first part of a text message, and nothing after it. */
	public synchronized void sendFirstPart(String part) {
		this.socket.sendText(part, false).join();
	}

	@Override
	public synchronized void sendBytes(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				received(this.text.toString().getBytes(StandardCharsets.UTF_8));
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			markClosed();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			markClosed();
		}

	}

}
