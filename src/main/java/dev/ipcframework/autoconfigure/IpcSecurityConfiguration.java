package dev.ipcframework.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ipcframework.routing.ConnectionAuthentication;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.security.AuthMode;
import dev.ipcframework.security.ChannelAuthorizer;
import dev.ipcframework.security.FirstMatchingAuthenticator;
import dev.ipcframework.security.HandshakeAuthenticator;
import dev.ipcframework.security.IpcAuthenticator;
import dev.ipcframework.security.JwtIpcAuthenticator;
import dev.ipcframework.security.StaticTokenAuthenticator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Authentication at the handshake and authorization of each action: the built-in authenticators (static per-app
 * tokens, then JWT through the {@link JwtDecoder} Spring Boot configures), unless the application defines its own
 * {@link IpcAuthenticator}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IpcSecurityProperties.class)
class IpcSecurityConfiguration {

	private static final Log logger = LogFactory.getLog(IpcSecurityConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ChannelAuthorizer ipcChannelAuthorizer() {
		return new ChannelAuthorizer();
	}

	@Bean
	@ConditionalOnMissingBean
	HandshakeAuthenticator ipcHandshakeAuthenticator(IpcSecurityProperties properties,
			IpcAuthenticator authenticator) {
		Map<String, AuthMode> modes = new LinkedHashMap<>();
		properties.apps().forEach((app, settings) -> {
			if (settings.auth() != null) {
				modes.put(app, settings.auth());
			}
		});
		return new HandshakeAuthenticator(properties.auth(), modes, authenticator);
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionAuthentication ipcConnectionAuthentication(HandshakeAuthenticator authenticator, ReplySender replies,
			IpcExecutors executors, IpcSecurityProperties properties) {
		return new ConnectionAuthentication(authenticator, replies, executors.scheduler(),
				properties.maxFailedAuthDelay());
	}

	/** Static tokens, then JWT when Spring Boot configured a {@link JwtDecoder}. */
	@Bean
	@ConditionalOnMissingBean
	IpcAuthenticator ipcAuthenticator(IpcSecurityProperties properties, ObjectProvider<JwtDecoder> decoder) {
		return authenticators(properties, decoder.getIfAvailable());
	}

	private static IpcAuthenticator authenticators(IpcSecurityProperties properties, @Nullable JwtDecoder decoder) {
		Map<String, List<String>> tokens = new LinkedHashMap<>();
		properties.apps().forEach((app, settings) -> tokens.put(app, settings.tokens()));
		StaticTokenAuthenticator staticTokens = new StaticTokenAuthenticator(tokens);
		List<IpcAuthenticator> chain = new ArrayList<>();
		chain.add(staticTokens);
		if (decoder != null) {
			chain.add(new JwtIpcAuthenticator(decoder));
		}
		else if (properties.enabled() && !staticTokens.hasTokens()) {
			logger.warn("ipc.security.auth is on, but no token can be verified: configure "
					+ "spring.security.oauth2.resourceserver.jwt.public-key-location (or jwk-set-uri), "
					+ "or ipc.security.apps.<app_id>.tokens");
		}
		return new FirstMatchingAuthenticator(chain);
	}

}
