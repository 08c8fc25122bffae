package dev.ipcframework.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * Completes a WebSocket handshake through the servlet protocol upgrade and speaks WebSocket on Tomcat's upgraded
 * connection itself ({@link UpgradedWebSocketSession}): text frames are read and written as the UTF-8 bytes they
 * are, masks are removed eight bytes at a time, and a batch of messages is one write. Tomcat's own implementation
 * turns every message into a {@code String} and back and unmasks a byte at a time, which made a WebSocket request
 * cost about 1.8 times a TCP one (docs/benchmarks.md). No extension is agreed, so the compression browsers offer
 * is declined; {@code ipc.websocket.compression} selects Tomcat's implementation instead.
 */
public final class TomcatUpgradeStrategy implements RequestUpgradeStrategy {

	private static final String ACCEPT_SUFFIX = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final Duration writeTimeout;

	/**
	 * @param writeTimeout how long a write may wait for the client to take its bytes
	 */
	public TomcatUpgradeStrategy(Duration writeTimeout) {
		this.writeTimeout = writeTimeout;
	}

	@Override
	public String[] getSupportedVersions() {
		return new String[] { "13" };
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler handler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		if (!(request instanceof ServletServerHttpRequest servletRequest)
				|| !(response instanceof ServletServerHttpResponse servletResponse)) {
			throw new HandshakeFailureException("not a servlet request: " + request.getClass().getName());
		}
		if (!handler.supportsPartialMessages()) {
			throw new HandshakeFailureException("the handler must take messages in parts");
		}
		String key = request.getHeaders().getFirst("Sec-WebSocket-Key");
		if (key == null) {
			throw new HandshakeFailureException("no Sec-WebSocket-Key");
		}
		HttpServletRequest servlet = servletRequest.getServletRequest();
		HttpServletResponse reply = servletResponse.getServletResponse();
		reply.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
		reply.setHeader(HttpHeaders.UPGRADE, "websocket");
		reply.setHeader(HttpHeaders.CONNECTION, "Upgrade");
		reply.setHeader("Sec-WebSocket-Accept", accept(key.trim()));
		if (selectedProtocol != null) {
			reply.setHeader("Sec-WebSocket-Protocol", selectedProtocol);
		}
		UpgradedWebSocketSession.HandshakeInfo handshake = new UpgradedWebSocketSession.HandshakeInfo(
				request.getURI(), HttpHeaders.readOnlyHttpHeaders(request.getHeaders()), attributes, user,
				request.getLocalAddress(), request.getRemoteAddress(), selectedProtocol);
		try {
			servlet.upgrade(WebSocketUpgradeHandler.class)
				.session(new UpgradedWebSocketSession(handshake, handler, this.writeTimeout));
		}
		catch (Exception ex) {
			throw new HandshakeFailureException("upgrade failed: " + ex.getMessage(), ex);
		}
	}

	/** The handshake's proof of having read the key (RFC 6455, 4.2.2). */
	static String accept(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + ACCEPT_SUFFIX).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

}
