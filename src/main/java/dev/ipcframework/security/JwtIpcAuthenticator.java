package dev.ipcframework.security;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies a JWT with Spring Security's {@link JwtDecoder} (signature, {@code exp}, {@code nbf}, and audience and
 * issuer where configured) and reads its claims: {@code sub}, {@code apps} and {@code permissions}.
 */
public class JwtIpcAuthenticator implements IpcAuthenticator {

	static final String APPS_CLAIM = "apps";

	static final String PERMISSIONS_CLAIM = "permissions";

	private final JwtDecoder decoder;

	public JwtIpcAuthenticator(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	public IpcPrincipal authenticate(IpcCredentials credentials) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(credentials.token());
		}
		catch (JwtException ex) {
			// the decoder's messages say what was wrong (malformed, signature, expired), never the token itself
			throw new IpcAuthenticationException("invalid token: " + ex.getMessage(), ex);
		}
		String subject = jwt.getSubject();
		if (subject == null || subject.isEmpty()) {
			throw new IpcAuthenticationException("invalid token: no 'sub' claim");
		}
		return new IpcPrincipal(subject, apps(jwt.getClaim(APPS_CLAIM)), permissions(jwt.getClaim(PERMISSIONS_CLAIM)),
				jwt.getExpiresAt());
	}

	private static Set<String> apps(@Nullable Object claim) {
		if (claim == null) {
			return Set.of();
		}
		return new HashSet<>(strings(claim, "claim 'apps' must be a list of app ids"));
	}

	private static ChannelPermissions permissions(@Nullable Object claim) {
		if (claim == null) {
			return ChannelPermissions.ALL;
		}
		if (!(claim instanceof Map<?, ?> byAction)) {
			throw new IpcAuthenticationException(
					"invalid token: claim 'permissions' must map actions to lists of channel patterns");
		}
		Map<IpcAction, List<String>> patterns = new EnumMap<>(IpcAction.class);
		for (IpcAction action : IpcAction.values()) {
			Object value = byAction.get(action.claimName());
			if (value != null) {
				patterns.put(action, strings(value,
						"claim 'permissions." + action.claimName() + "' must be a list of channel patterns"));
			}
		}
		// other keys are ignored: an action this server does not know is one it never allows
		return ChannelPermissions.of(patterns);
	}

	/** A list of strings, or one string. */
	private static List<String> strings(Object value, String problem) {
		if (value instanceof String single) {
			return List.of(single);
		}
		if (value instanceof Collection<?> list && list.stream().allMatch(String.class::isInstance)) {
			return list.stream().map(String.class::cast).toList();
		}
		throw new IpcAuthenticationException("invalid token: " + problem);
	}

}
