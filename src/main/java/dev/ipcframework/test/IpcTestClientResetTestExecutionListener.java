package dev.ipcframework.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the {@link IpcTestClient}'s connections after each test method, so that subscriptions and connection state
 * do not carry over into the next test of a cached context.
 */
class IpcTestClientResetTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			ApplicationContext context = testContext.getApplicationContext();
			context.getBeanProvider(IpcTestClient.class).ifAvailable(IpcTestClient::reset);
		}
	}

}
