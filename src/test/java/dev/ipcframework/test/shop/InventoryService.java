package dev.ipcframework.test.shop;

/**
 * A collaborator of {@link OrderHandlers} with no implementation in the application: tests mock it.
 */
public interface InventoryService {

	boolean reserve(String sku, int quantity);

	void release(String sku);

}
