package dev.ipcframework.test.shop;

import java.time.Duration;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.test.AutoConfigureIpcTestClient;
import dev.ipcframework.test.IpcTestClient;
import dev.ipcframework.test.shop.OrderHandlers.OrderPlaced;
import dev.ipcframework.test.shop.OrderHandlers.PlaceOrder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;

/**
 * The whole application with {@code @AutoConfigureIpcTestClient}: the client talks WebSocket to the application's
 * web server, and the TCP endpoint is on a free port too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureIpcTestClient(transport = Transport.WEBSOCKET)
class ShopApplicationTests {

	@Autowired
	private IpcTestClient client;

	@Autowired
	private ApplicationContext context;

	@MockitoBean
	private InventoryService inventory;

	@Test
	void orderIsPlacedOverWebSocketInTheWholeApplication() {
		given(this.inventory.reserve("sku-1", 1)).willReturn(true);

		OrderPlaced reply = this.client.app("shop").request("orders", new PlaceOrder("sku-1", 1), OrderPlaced.class);

		assertThat(reply.quantity()).isEqualTo(1);
		assertThat(this.client.url()).hasScheme("ws");
		assertThat(this.context.getBeansOfType(ShopController.class)).hasSize(1);
	}

	@Test
	void tcpEndpointListensOnAFreePort() {
		AbstractServerConnectionFactory tcp = this.context.getBean(AbstractServerConnectionFactory.class);
		await().atMost(Duration.ofSeconds(10)).until(tcp::isListening);

		assertThat(this.context.getEnvironment().getProperty("ipc.tcp.port")).isEqualTo("0");
		assertThat(tcp.getPort()).isPositive().isNotEqualTo(8888);
	}

}
