package dev.ipcframework.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Keeps a token sent with the WebSocket upgrade, as {@code Authorization: Bearer <token>} or, since browsers cannot
 * set that header, a {@code token} query parameter, for the handshake to authenticate. Nothing is refused here: a
 * connect request without a valid token is answered with {@code UNAUTHORIZED} like on TCP.
 */
public class UpgradeTokenInterceptor implements HandshakeInterceptor {

	/** The session attribute that holds the token. */
	static final String TOKEN_ATTRIBUTE = "ipc.upgradeToken";

	private static final String BEARER = "Bearer ";

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
			WebSocketHandler wsHandler, Map<String, Object> attributes) {
		String token = token(request);
		if (token != null && !token.isEmpty()) {
			attributes.put(TOKEN_ATTRIBUTE, token);
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

	private static @Nullable String token(ServerHttpRequest request) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).trim();
		}
		String query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("token");
		return (query != null) ? UriUtils.decode(query, StandardCharsets.UTF_8) : null;
	}

}
