package dev.ipcframework.autoconfigure;

import dev.ipcframework.actuate.IpcEndpoint;
import dev.ipcframework.actuate.IpcHealthIndicator;
import dev.ipcframework.actuate.IpcMeterBinder;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.transport.websocket.IpcWebSocketHandler;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * An application that leaves out one of the libraries the jar can use loses only what needs that library: the rest
 * of the server still starts. And the dashboard is there only in a servlet web application, unless switched off.
 */
class OptionalLibrariesTests {

	private static final AutoConfigurations IPC = AutoConfigurations.of(JacksonAutoConfiguration.class,
			IntegrationAutoConfiguration.class, IpcAutoConfiguration.class, IpcTcpAutoConfiguration.class,
			IpcWebSocketAutoConfiguration.class, IpcActuatorAutoConfiguration.class,
			IpcDashboardAutoConfiguration.class, IpcClientAutoConfiguration.class);

	private static final String DASHBOARD = "ipcDashboardWebMvcConfigurer";

	private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(IPC)
		.withPropertyValues("ipc.tcp.port=0")
		// what the servlet container provides to the WebSocket endpoint
		.withInitializer((context) -> context.getServletContext()
			.setAttribute(ServerContainer.class.getName(), mock(ServerContainer.class)));

	@Test
	void withEveryLibraryEverythingIsThere() {
		this.web.run(serverCore().andThen((context) -> assertThat(context)
			.hasSingleBean(AbstractServerConnectionFactory.class)
			.hasSingleBean(IpcWebSocketHandler.class)
			.hasSingleBean(IpcEndpoint.class)
			.hasSingleBean(IpcHealthIndicator.class)
			.hasSingleBean(IpcMeterBinder.class)
			.hasBean(DASHBOARD)));
	}

	@Test
	void withoutActuatorOnlyTheEndpointHealthAndMetersAreGone() {
		this.web
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.",
					"org.springframework.boot.health.", "io.micrometer."))
			.run(serverCore().andThen((context) -> assertThat(context)
				.hasSingleBean(AbstractServerConnectionFactory.class)
				.hasSingleBean(IpcWebSocketHandler.class)
				.hasBean(DASHBOARD)
				.doesNotHaveBean(IpcEndpoint.class)
				.doesNotHaveBean(IpcHealthIndicator.class)
				.doesNotHaveBean(IpcMeterBinder.class)));
	}

	@Test
	void withoutMicrometerOnlyTheMetersAreGone() {
		this.web.withClassLoader(new FilteredClassLoader("io.micrometer."))
			.run(serverCore().andThen((context) -> assertThat(context).hasSingleBean(IpcEndpoint.class)
				.hasSingleBean(IpcHealthIndicator.class)
				.doesNotHaveBean(IpcMeterBinder.class)));
	}

	@Test
	void withoutSpringIntegrationIpOnlyTheTcpEndpointIsGone() {
		this.web.withClassLoader(new FilteredClassLoader("org.springframework.integration.ip."))
			.run(serverCore().andThen((context) -> assertThat(context)
				.doesNotHaveBean(AbstractServerConnectionFactory.class)
				.hasSingleBean(IpcWebSocketHandler.class)
				.hasSingleBean(IpcEndpoint.class)
				.hasSingleBean(IpcHealthIndicator.class)
				.hasBean(DASHBOARD)));
	}

	@Test
	void withoutSpringWebSocketOnlyTheWebSocketEndpointIsGone() {
		this.web.withClassLoader(new FilteredClassLoader("org.springframework.web.socket."))
			.run(serverCore().andThen((context) -> assertThat(context)
				.hasSingleBean(AbstractServerConnectionFactory.class)
				.doesNotHaveBean(IpcWebSocketHandler.class)
				.hasSingleBean(IpcEndpoint.class)
				.hasBean(DASHBOARD)));
	}

	@Test
	void withoutPicocliTheWholeServerIsThere() {
		this.web.withClassLoader(new FilteredClassLoader("picocli."))
			.run(serverCore().andThen((context) -> assertThat(context)
				.hasSingleBean(AbstractServerConnectionFactory.class)
				.hasSingleBean(IpcWebSocketHandler.class)
				.hasSingleBean(IpcEndpoint.class)
				.hasBean(DASHBOARD)));
	}

	@Test
	void dashboardCanBeSwitchedOff() {
		this.web.withPropertyValues("ipc.dashboard.enabled=false")
			.run(serverCore().andThen((context) -> assertThat(context).doesNotHaveBean(DASHBOARD)
				.hasSingleBean(IpcWebSocketHandler.class)));
	}

	@Test
	void dashboardNeedsAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(IPC)
			.withPropertyValues("ipc.tcp.port=0")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(IpcRouter.class)
				.doesNotHaveBean(DASHBOARD));
	}

	private static ContextConsumer<AssertableWebApplicationContext> serverCore() {
		return (context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(IpcRouter.class)
			.hasSingleBean(IpcTemplate.class);
	}

}
