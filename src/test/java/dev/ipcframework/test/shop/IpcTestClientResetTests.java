package dev.ipcframework.test.shop;

import dev.ipcframework.client.IpcClient;
import dev.ipcframework.test.IpcTest;
import dev.ipcframework.test.IpcTestClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test client's connections end with each test method: the next test starts without the previous one's
 * subscriptions.
 */
@IpcTest(handlers = PriceHandlers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IpcTestClientResetTests {

	private static IpcClient firstTestsConnection;

	@Autowired
	private IpcTestClient client;

	@Test
	@Order(1)
	void firstTestConnects() {
		firstTestsConnection = this.client.app("shop").client();

		assertThat(this.client.app("shop").client()).isSameAs(firstTestsConnection);
		assertThat(firstTestsConnection.isConnected()).isTrue();
	}

	@Test
	@Order(2)
	void nextTestGetsAConnectionOfItsOwn() {
		assertThat(firstTestsConnection).isNotNull();
		assertThat(firstTestsConnection.isClosed()).isTrue();
		assertThat(this.client.app("shop").client()).isNotSameAs(firstTestsConnection);
	}

}
