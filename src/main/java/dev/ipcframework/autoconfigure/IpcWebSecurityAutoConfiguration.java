package dev.ipcframework.autoconfigure;

import java.util.regex.Pattern;

import dev.ipcframework.dashboard.DashboardFeedController;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultServletWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP security of the service, in place of Spring Boot's default (every request behind a generated password).
 * With {@code ipc.security.auth} {@code none} Spring Security steps aside and HTTP is as it was without it. Otherwise
 * every Actuator endpoint but {@code health} requires HTTP Basic credentials, those of the application's
 * {@link UserDetailsService} or else {@code spring.security.user.name} / {@code .password}, and so does the
 * dashboard's live feed; the dashboard page and the WebSocket endpoint stay open (WebSocket clients authenticate in
 * the protocol's handshake). An application that defines its own {@link SecurityFilterChain} replaces all of this.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class, Endpoint.class })
@ConditionalOnDefaultServletWebSecurity
@EnableConfigurationProperties({ IpcSecurityProperties.class, SecurityProperties.class })
public class IpcWebSecurityAutoConfiguration {

	private static final Log logger = LogFactory.getLog(IpcWebSecurityAutoConfiguration.class);

	/** A password with a {@code {id}} prefix names its encoding; any other is plain text. */
	private static final Pattern ENCODED_PASSWORD = Pattern.compile("^\\{.+}.*$");

	@Bean
	SecurityFilterChain ipcSecurityFilterChain(HttpSecurity http, IpcSecurityProperties ipcSecurity,
			SecurityProperties security, ObjectProvider<UserDetailsService> users) throws Exception {
		if (!ipcSecurity.enabled()) {
			return http.securityMatcher((request) -> false).build();
		}
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.authenticated()
			// the dashboard's feed shows what the ipc endpoint does
			.requestMatchers(DashboardFeedController.EVENTS, DashboardFeedController.STATE)
			.authenticated()
			.anyRequest()
			.permitAll())
			.httpBasic(Customizer.withDefaults())
			// Basic credentials go with every call: no session, and no CSRF token to ask scripts for
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
		if (users.getIfAvailable() == null) {
			actuatorUser(security.getUser(), http);
		}
		return http.build();
	}

	/**
	 * Spring Boot makes no user of {@code spring.security.user.*} once a JWT decoder is configured; the Actuator needs
	 * one. Without a password set there is none, and the endpoints stay closed rather than open to a generated one.
	 */
	private static void actuatorUser(SecurityProperties.User user, HttpSecurity http) {
		if (user.isPasswordGenerated()) {
			logger.warn("ipc.security.auth is on and spring.security.user.password is not set: Actuator endpoints "
					+ "other than health accept no credentials");
			http.userDetailsService(new InMemoryUserDetailsManager());
			return;
		}
		String password = user.getPassword();
		if (!ENCODED_PASSWORD.matcher(password).matches()) {
			password = "{noop}" + password;
		}
		http.userDetailsService(new InMemoryUserDetailsManager(User.withUsername(user.getName())
			.password(password)
			.roles(user.getRoles().toArray(String[]::new))
			.build()));
	}

}
