package dev.ipcframework.test.shop;

import java.util.UUID;

import dev.ipcframework.handler.IpcHandler;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.protocol.MessageType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.stereotype.Component;

/**
 * Orders of the {@code shop} application.
 */
@Component
public class OrderHandlers {

	public static final String APP = "shop";

	public record PlaceOrder(@NotBlank String sku, @Min(1) int quantity) {
	}

	public record OrderPlaced(String id, String sku, int quantity) {
	}

	public record CancelOrder(String sku) {
	}

	private final InventoryService inventory;

	public OrderHandlers(InventoryService inventory) {
		this.inventory = inventory;
	}

	@IpcHandler(app = APP, channel = "orders")
	public OrderPlaced place(@Valid PlaceOrder order) {
		if (!this.inventory.reserve(order.sku(), order.quantity())) {
			throw new IpcException(IpcErrorCode.FORBIDDEN, "out of stock: " + order.sku());
		}
		return new OrderPlaced(UUID.randomUUID().toString(), order.sku(), order.quantity());
	}

	@IpcHandler(app = APP, channel = "cancellations", type = MessageType.NOTIFICATION)
	public void cancel(CancelOrder cancel) {
		this.inventory.release(cancel.sku());
	}

}
