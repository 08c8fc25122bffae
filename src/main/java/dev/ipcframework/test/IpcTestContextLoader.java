package dev.ipcframework.test;

import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.test.context.SpringBootContextLoader;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Loads an {@link IpcTest @IpcTest} context as the application would run: a servlet context, when the slice asks for
 * one, with a real web server, never the mock servlet environment a test slice gets by default.
 */
class IpcTestContextLoader extends SpringBootContextLoader {

	@Override
	protected ApplicationContextFactory getApplicationContextFactory(MergedContextConfiguration mergedConfig) {
		return ApplicationContextFactory.DEFAULT;
	}

}
