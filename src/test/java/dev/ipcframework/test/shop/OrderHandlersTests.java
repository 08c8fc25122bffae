package dev.ipcframework.test.shop;

import java.util.Map;

import dev.ipcframework.autoconfigure.IpcActuatorAutoConfiguration;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.test.IpcTest;
import dev.ipcframework.test.IpcTestClient;
import dev.ipcframework.test.shop.OrderHandlers.CancelOrder;
import dev.ipcframework.test.shop.OrderHandlers.OrderPlaced;
import dev.ipcframework.test.shop.OrderHandlers.PlaceOrder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * {@code @IpcTest} naming one handler bean, over TCP: that bean and the IPC server, a client on the wire, and the
 * handler's collaborator mocked.
 */
@IpcTest(handlers = OrderHandlers.class)
class OrderHandlersTests {

	@Autowired
	private IpcTestClient client;

	@Autowired
	private ApplicationContext context;

	@MockitoBean
	private InventoryService inventory;

	@Test
	void placesAnOrderTheInventoryReserves() {
		given(this.inventory.reserve("sku-1", 2)).willReturn(true);

		OrderPlaced reply = this.client.app("shop").request("orders", new PlaceOrder("sku-1", 2), OrderPlaced.class);

		assertThat(reply.id()).isNotBlank();
		assertThat(reply.sku()).isEqualTo("sku-1");
		verify(this.inventory).reserve("sku-1", 2);
	}

	@Test
	void refusesAnOrderTheInventoryCannotReserveWithTheHandlersErrorCode() {
		given(this.inventory.reserve("sku-2", 5)).willReturn(false);

		String code = this.client.app("shop").expectError("orders", new PlaceOrder("sku-2", 5));

		assertThat(code).isEqualTo("FORBIDDEN");
	}

	@Test
	void invalidOrderIsABadRequest() {
		assertThat(this.client.app("shop").expectError("orders", new PlaceOrder("", 0))).isEqualTo("BAD_REQUEST");
	}

	@Test
	void cancellationNotificationReachesTheInventory() {
		this.client.app("shop").notify("cancellations", new CancelOrder("sku-3"));

		verify(this.inventory, timeout(5000)).release("sku-3");
	}

	@Test
	void handlersNotNamedAreLeftOutAndAnswerNoHandler() {
		assertThat(this.context.getBeansOfType(PriceHandlers.class)).isEmpty();

		assertThat(this.client.app("shop").expectError("quotes", Map.of("sku", "sku-1"))).isEqualTo("NO_HANDLER");
	}

	@Test
	void contextHoldsTheIpcServerAndTheNamedHandlerOnly() {
		assertThat(this.context.getBeansOfType(OrderHandlers.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(IpcRouter.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(ShopController.class)).isEmpty();
		assertThat(this.context.getBeansOfType(AuditLog.class)).isEmpty();
		assertThat(this.context.getBeansOfType(DispatcherServlet.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(IpcActuatorAutoConfiguration.class)).isEmpty();
		assertThat(this.context).isNotInstanceOf(WebServerApplicationContext.class);
	}

	@Test
	void clientTalksTcpToAServerOnAFreePort() {
		assertThat(this.client.transport()).isEqualTo(Transport.TCP);
		assertThat(this.client.url().getScheme()).isEqualTo("tcp");
		assertThat(this.client.url().getPort()).isPositive().isNotEqualTo(8888);
	}

}
