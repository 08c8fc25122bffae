package dev.ipcframework.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.Options;
import dev.ipcframework.testsupport.IpcServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that calls another one: the client bean appears when {@code ipc.client.url} and
 * {@code ipc.client.app-id} are set, talks to the real server, gives way to the application's own bean and is
 * closed with the context.
 */
class IpcClientAutoConfigurationTests extends IpcServerTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IpcClientAutoConfiguration.class));

	@Test
	void noClientWithoutAUrl() {
		this.runner.withPropertyValues("ipc.client.app-id=test")
			.run((context) -> assertThat(context).doesNotHaveBean(IpcClient.class));
	}

	@Test
	void clientFromPropertiesCallsTheServerAndClosesWithTheContext() {
		this.runner
			.withPropertyValues("ipc.client.url=ws://127.0.0.1:" + this.httpPort + "/ipc", "ipc.client.app-id=test",
					"ipc.client.connection-id=billing-1", "ipc.client.request-timeout=3s",
					"ipc.client.reconnect.max-attempts=5", "ipc.client.reconnect.initial-delay=20ms")
			.run((context) -> {
				IpcClient client = context.getBean(IpcClient.class);
				await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
				assertThat(client.connectionId()).isEqualTo("billing-1");
				assertThat(client.options().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(client.options().maxReconnectAttempts()).isEqualTo(5);
				assertThat(client.request("echo", Map.of("from", "billing")).get(10, TimeUnit.SECONDS)
					.path("from").asString()).isEqualTo("billing");
				context.close();
				assertThat(client.isClosed()).isTrue();
			});
	}

	@Test
	void startsWhileTheServerIsUnreachableAndKeepsTrying() {
		this.runner.withPropertyValues("ipc.client.url=tcp://127.0.0.1:1", "ipc.client.app-id=test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(IpcClient.class).isConnected()).isFalse();
			});
	}

	@Test
	void applicationsOwnClientWins() {
		this.runner.withUserConfiguration(OwnClient.class)
			.withPropertyValues("ipc.client.url=tcp://127.0.0.1:" + tcpPort(), "ipc.client.app-id=test",
					"own.port=" + tcpPort())
			.run((context) -> assertThat(context).hasSingleBean(IpcClient.class)
				.getBean(IpcClient.class)
				.satisfies((client) -> assertThat(client.connectionId()).isEqualTo("own")));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClient {

		@Bean
		IpcClient ownClient(org.springframework.core.env.Environment environment) {
			return IpcClient.connect(Options.builder()
				.url("tcp://127.0.0.1:" + environment.getProperty("own.port"))
				.appId("test")
				.connectionId("own")
				.build());
		}

	}

}
