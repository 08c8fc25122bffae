package dev.ipcframework.autoconfigure;

import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.routing.HistoryKeepingDelivery;
import dev.ipcframework.routing.LocalMessageDelivery;
import dev.ipcframework.routing.MessageDelivery;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing pays for history only where some application keeps it.
 */
class IpcHistoryConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IntegrationAutoConfiguration.class,
				IpcAutoConfiguration.class))
		.withPropertyValues("ipc.tcp.port=0");

	@Test
	void withoutHistoryPublishesGoStraightToTheLocalDelivery() {
		this.runner.run((context) -> assertThat(context.getBean(MessageDelivery.class))
			.isExactlyInstanceOf(LocalMessageDelivery.class));
	}

	@Test
	void historyOfOneAppPutsTheKeepingDeliveryInPlace() {
		this.runner.withPropertyValues("ipc.history.apps.prices.size=100").run((context) -> {
			assertThat(context.getBean(MessageDelivery.class)).isInstanceOf(HistoryKeepingDelivery.class);
			HistoryStore store = context.getBean(HistoryStore.class);
			assertThat(store.keepsHistory("prices")).isTrue();
			assertThat(store.keepsHistory("chat")).isFalse();
		});
	}

	@Test
	void anAppCanTurnOffTheHistoryOthersKeep() {
		this.runner.withPropertyValues("ipc.history.size=10", "ipc.history.apps.chat.size=0").run((context) -> {
			HistoryStore store = context.getBean(HistoryStore.class);
			assertThat(store.keepsHistory("prices")).isTrue();
			assertThat(store.keepsHistory("chat")).isFalse();
		});
	}

}
