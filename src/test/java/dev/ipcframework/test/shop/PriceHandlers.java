package dev.ipcframework.test.shop;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.handler.IpcHandler;

import org.springframework.stereotype.Component;

/**
 * Prices of the {@code shop} application; the quote says which transport it was asked over.
 */
@Component
public class PriceHandlers {

	public record QuoteRequest(String sku) {
	}

	public record Quote(String sku, int cents, String transport) {
	}

	@IpcHandler(app = OrderHandlers.APP, channel = "quotes")
	public Quote quote(QuoteRequest request, IpcConnection caller) {
		return new Quote(request.sku(), 250, caller.transport().name());
	}

}
