package dev.ipcframework.test.shop;

import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.test.IpcTest;
import dev.ipcframework.test.IpcTestClient;
import dev.ipcframework.test.MessageRecorder;
import dev.ipcframework.test.shop.PriceHandlers.Quote;
import dev.ipcframework.test.shop.PriceHandlers.QuoteRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @IpcTest} over WebSocket naming no handler bean: every bean with an {@code @IpcHandler} method, served by a
 * real web server on a free port, and nothing else of the application.
 */
@IpcTest(transport = Transport.WEBSOCKET)
class ShopHandlersWebSocketTests {

	@Autowired
	private IpcTestClient client;

	@Autowired
	private ApplicationContext context;

	@MockitoBean
	private InventoryService inventory;

	@Test
	void handlerIsCalledOverWebSocket() {
		Quote quote = this.client.app("shop").request("quotes", new QuoteRequest("sku-1"), Quote.class);

		assertThat(quote).isEqualTo(new Quote("sku-1", 250, "WEBSOCKET"));
	}

	@Test
	void everyHandlerBeanIsThereAndNothingElseOfTheApplication() {
		assertThat(this.context.getBeansOfType(OrderHandlers.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(PriceHandlers.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(ShopController.class)).isEmpty();
		assertThat(this.context.getBeansOfType(AuditLog.class)).isEmpty();
		assertThat(this.context.getBeansOfType(RequestMappingHandlerMapping.class)).isEmpty();
	}

	@Test
	void webServerListensOnAFreePort() {
		assertThat(this.context).isInstanceOf(WebServerApplicationContext.class);
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		assertThat(port).isPositive().isNotEqualTo(8080);
		assertThat(this.client.url()).hasScheme("ws").hasPort(port).hasPath("/ipc");
	}

	@Test
	void subscriberRecordsWhatIsPublished() {
		MessageRecorder prices = this.client.app("shop").subscribe("prices");

		this.client.app("shop").publish("prices", Map.of("sku", "sku-1", "cents", 250));
		this.client.app("shop").publish("prices", Map.of("sku", "sku-1", "cents", 240));

		List<IpcEnvelope> messages = prices.awaitMessages(2);
		assertThat(messages).extracting((message) -> message.payload().path("cents").asInt()).containsExactly(250,
				240);
		assertThat(prices.awaitMessages(2, Map.class)).extracting((price) -> price.get("sku"))
			.containsOnly("sku-1");
	}

}
