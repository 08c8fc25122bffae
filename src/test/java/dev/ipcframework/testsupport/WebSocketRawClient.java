package dev.ipcframework.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One envelope per text message, as browsers send them, on the JDK's WebSocket client.
 */
final class WebSocketRawClient extends RawClient {

	private final WebSocket socket;

	WebSocketRawClient(URI uri) {
		try {
			this.socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
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
