package dev.ipcframework.autoconfigure;

import java.util.Map;

import dev.ipcframework.handler.IpcHandler;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar used as a library: another application's own {@code @IpcHandler} beans are served, its own beans win,
 * and mistakes in its handlers stop the startup.
 */
class IpcAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IntegrationAutoConfiguration.class,
				IpcAutoConfiguration.class, IpcTcpAutoConfiguration.class, IpcWebSocketAutoConfiguration.class))
		.withPropertyValues("ipc.tcp.port=0");

	@Test
	void userHandlerBeanIsServedOverTcp() {
		this.runner.withUserConfiguration(InventoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(IpcRouter.class).hasSingleBean(IpcTemplate.class);
			AbstractServerConnectionFactory factory = context.getBean(AbstractServerConnectionFactory.class);
			awaitListening(factory);
			try (RawClient client = RawClient.tcp(factory.getPort())) {
				client.connect("shop");

				JsonNode response = client.request("stock", Map.of("sku", "tea"));

				assertThat(response.path("payload").path("sku").asString()).isEqualTo("tea");
				assertThat(response.path("payload").path("count").asInt()).isEqualTo(7);
			}
		});
	}

	@Test
	void webSocketEndpointNeedsAWebApplication() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean("ipcWebSocketHandler"));
	}

	@Test
	void tcpEndpointCanBeSwitchedOff() {
		this.runner.withPropertyValues("ipc.tcp.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(IpcRouter.class)
				.doesNotHaveBean(AbstractServerConnectionFactory.class));
	}

	@Test
	void userBeanReplacesTheDefault() {
		this.runner.withUserConfiguration(CustomTemplateConfiguration.class)
			.run((context) -> assertThat(context.getBean(IpcTemplate.class))
				.isSameAs(context.getBean(CustomTemplateConfiguration.class).template));
	}

	@Test
	void twoHandlersForOneChannelStopTheStartupNamingBoth() {
		this.runner.withUserConfiguration(DuplicateConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("app 'shop' channel 'stock' type request")
				.hasMessageContaining("FirstStock.stock(")
				.hasMessageContaining("SecondStock.stock(");
		});
	}

	@Test
	void handlerWithoutChannelStopsTheStartup() {
		this.runner.withUserConfiguration(BlankChannelConfiguration.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("must name an app and a channel"));
	}

	private static void awaitListening(AbstractServerConnectionFactory factory) throws InterruptedException {
		for (int i = 0; i < 200 && !factory.isListening(); i++) {
			Thread.sleep(50);
		}
		assertThat(factory.isListening()).isTrue();
	}

	record StockQuery(String sku) {
	}

	record Stock(String sku, int count) {
	}

	static class Inventory {

		@IpcHandler(app = "${inventory.app:shop}", channel = "stock")
		Stock stock(StockQuery query) {
			return new Stock(query.sku(), 7);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InventoryConfiguration {

		@Bean
		Inventory inventory() {
			return new Inventory();
		}

	}

	static class FirstStock {

		@IpcHandler(app = "shop", channel = "stock")
		Stock stock(StockQuery query) {
			return new Stock(query.sku(), 1);
		}

	}

	static class SecondStock {

		@IpcHandler(app = "shop", channel = "stock")
		Stock stock(StockQuery query) {
			return new Stock(query.sku(), 2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateConfiguration {

		@Bean
		FirstStock firstStock() {
			return new FirstStock();
		}

		@Bean
		SecondStock secondStock() {
			return new SecondStock();
		}

	}

	static class BlankChannel {

		@IpcHandler(app = "shop", channel = "")
		void nothing() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlankChannelConfiguration {

		@Bean
		BlankChannel blankChannel() {
			return new BlankChannel();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTemplateConfiguration {

		final IpcTemplate template = new IpcTemplate(null, null, null, null, null);

		@Bean
		IpcTemplate customTemplate() {
			return this.template;
		}

	}

}
