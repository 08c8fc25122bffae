package dev.ipcframework.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebSocket transport on the JDK's {@link WebSocket}: one envelope per text message. Messages that arrive in
 * parts are assembled up to the frame limit. The JDK allows one outstanding send at a time, so sends take turns.
 */
final class WebSocketClientTransport implements ClientTransport, WebSocket.Listener {

	private static final long SEND_TIMEOUT_SECONDS = 30;

	private final int maxFrameSize;

	private final Listener listener;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final StringBuilder text = new StringBuilder();

	private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

	private volatile WebSocket webSocket;

	private WebSocketClientTransport(int maxFrameSize, Listener listener) {
		this.maxFrameSize = maxFrameSize;
		this.listener = listener;
	}

	static WebSocketClientTransport open(HttpClient httpClient, URI url, Duration connectTimeout, int maxFrameSize,
			Listener listener) throws IOException {
		WebSocketClientTransport transport = new WebSocketClientTransport(maxFrameSize, listener);
		try {
			transport.webSocket = httpClient.newWebSocketBuilder()
				.connectTimeout(connectTimeout)
				.buildAsync(url, transport)
				.get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
			return transport;
		}
		catch (ExecutionException ex) {
			throw new IOException("WebSocket connection to " + url + " failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IOException("WebSocket connection to " + url + " timed out", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while connecting to " + url, ex);
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (this.text.length() > this.maxFrameSize) {
			fail(new IOException("message exceeds the limit of " + this.maxFrameSize + " bytes"));
			return null;
		}
		if (last) {
			byte[] frame = this.text.toString().getBytes(StandardCharsets.UTF_8);
			this.text.setLength(0);
			this.listener.frame(frame);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] part = new byte[data.remaining()];
		data.get(part);
		this.binary.writeBytes(part);
		if (this.binary.size() > this.maxFrameSize) {
			fail(new IOException("message exceeds the limit of " + this.maxFrameSize + " bytes"));
			return null;
		}
		if (last) {
			byte[] frame = this.binary.toByteArray();
			this.binary.reset();
			this.listener.frame(frame);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		finish(new IOException("the server closed the WebSocket (" + statusCode
				+ ((reason == null || reason.isEmpty()) ? "" : ": " + reason) + ")"));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		finish(error);
	}

	@Override
	public void send(byte[] frame) throws IOException {
		String message = new String(frame, StandardCharsets.UTF_8);
		synchronized (this) {
			try {
				this.webSocket.sendText(message, true).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (ExecutionException | CompletionException ex) {
				throw new IOException("WebSocket send failed: " + ex.getCause(), ex.getCause());
			}
			catch (TimeoutException ex) {
				fail(new IOException("WebSocket send blocked for " + SEND_TIMEOUT_SECONDS + " s"));
				throw new IOException("WebSocket send timed out", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while sending", ex);
			}
		}
	}

	@Override
	public void close() {
		WebSocket socket = this.webSocket;
		if (socket != null && !this.closed.get()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS)
				.whenComplete((ignored, error) -> socket.abort());
		}
		finish(null);
	}

	private void fail(Throwable cause) {
		WebSocket socket = this.webSocket;
		if (socket != null) {
			socket.abort();
		}
		finish(cause);
	}

	private void finish(Throwable cause) {
		if (this.closed.compareAndSet(false, true)) {
			this.listener.closed(cause);
		}
	}

}
