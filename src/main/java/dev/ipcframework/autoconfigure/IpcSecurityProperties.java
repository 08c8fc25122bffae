package dev.ipcframework.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ipcframework.security.AuthMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication of connections, under {@code ipc.security.*}; tokens are verified as configured by Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}. Every property is listed in
 * docs/configuration.md.
 *
 * @param auth whether connections must present a token: {@code none} (the original clients keep working),
 * {@code optional} or {@code required}; with any but {@code none}, Actuator endpoints other than {@code health}
 * require HTTP Basic credentials
 * @param apps settings of single apps, by app id: {@code ipc.security.apps.<app_id>.auth} overrides
 * {@code ipc.security.auth} for that app; {@code ipc.security.apps.<app_id>.tokens} lists static tokens that may
 * join it (with every permission), each as {@code sha256:} and the 64 hex digits of the token's SHA-256 hash
 * @param maxConnectionsPerAddress the most connections one remote address may have open at once; more are answered
 * with {@code TOO_MANY_CONNECTIONS} and closed; {@code 0} for no limit (clients behind one proxy or NAT share an
 * address)
 * @param maxFailedAuthDelay the longest a refused connect request waits for its {@code UNAUTHORIZED} answer: after
 * three failed authentications from one address within a minute, each further refusal to it waits 250 ms, doubling
 * up to this; {@code 0} answers at once. Keep it below {@code ipc.connection.handshake-timeout}
 */
@ConfigurationProperties("ipc.security")
public record IpcSecurityProperties(@DefaultValue("none") AuthMode auth, @DefaultValue Map<String, App> apps,
		@DefaultValue("0") int maxConnectionsPerAddress, @DefaultValue("5s") Duration maxFailedAuthDelay) {

	/**
	 * One app's settings.
	 *
	 * @param auth overrides {@code ipc.security.auth} for this app
	 * @param tokens static tokens that may join this app, each as {@code sha256:} and the 64 hex digits of the
	 * token's SHA-256 hash; a token listed here may do everything in the app
	 */
	public record App(@Nullable AuthMode auth, @DefaultValue List<String> tokens) {
	}

	/** Whether any app asks for authentication, so that the Actuator is protected. */
	public boolean enabled() {
		return this.auth != AuthMode.NONE
				|| this.apps.values().stream().anyMatch((app) -> app.auth() != null && app.auth() != AuthMode.NONE);
	}

}
