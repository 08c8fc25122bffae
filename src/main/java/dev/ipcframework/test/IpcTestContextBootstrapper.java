package dev.ipcframework.test;

import java.util.List;

import dev.ipcframework.connection.Transport;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.test.context.ContextLoader;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Bootstraps {@link IpcTest @IpcTest}: over TCP no web server at all, over WebSocket a servlet web server on a free
 * port, which the slice's context loader starts for real instead of mocking it.
 */
class IpcTestContextBootstrapper extends TestSliceTestContextBootstrapper<IpcTest> {

	@Override
	protected Class<? extends ContextLoader> getDefaultContextLoaderClass(Class<?> testClass) {
		return IpcTestContextLoader.class;
	}

	@Override
	protected void processPropertySourceProperties(MergedContextConfiguration mergedConfig,
			List<String> propertySourceProperties) {
		super.processPropertySourceProperties(mergedConfig, propertySourceProperties);
		// first, so that the test's own properties win
		propertySourceProperties.addAll(0, webServerProperties(transport(mergedConfig.getTestClass())));
	}

	private static List<String> webServerProperties(Transport transport) {
		return (transport == Transport.WEBSOCKET)
				? List.of("spring.main.web-application-type=servlet", "server.port=0")
				: List.of("spring.main.web-application-type=none");
	}

	private static Transport transport(Class<?> testClass) {
		IpcTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, IpcTest.class);
		return (annotation != null) ? annotation.transport() : Transport.TCP;
	}

}
