package dev.ipcframework.transport.websocket;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Upgrades as if the client offered no extension ({@code ipc.websocket.compression} is off). Browsers offer
 * permessage-deflate with every upgrade, and the container would then compress and decompress each message on its
 * own, which for envelopes of a few hundred bytes costs about ten times the CPU of the message itself, and keep a
 * compressor and a decompressor per connection for its whole life. Tomcat agrees to its own extensions whatever
 * the handshake handler selects, so the offer is hidden from the upgrade rather than filtered.
 */
public class UncompressedUpgradeStrategy implements RequestUpgradeStrategy {

	private static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

	private final RequestUpgradeStrategy container = new StandardWebSocketUpgradeStrategy();

	@Override
	public String[] getSupportedVersions() {
		return this.container.getSupportedVersions();
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler handler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		ServerHttpRequest withoutOffer = (request instanceof ServletServerHttpRequest servlet)
				? new ServletServerHttpRequest(new WithoutExtensionOffer(servlet.getServletRequest())) : request;
		this.container.upgrade(withoutOffer, response, selectedProtocol, selectedExtensions, user, handler,
				attributes);
	}

	/** The upgrade request without its {@code Sec-WebSocket-Extensions} header. */
	private static final class WithoutExtensionOffer extends HttpServletRequestWrapper {

		WithoutExtensionOffer(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(Collections.list(super.getHeaderNames())
				.stream()
				.filter((name) -> !EXTENSIONS_HEADER.equalsIgnoreCase(name))
				.toList());
		}

	}

}
