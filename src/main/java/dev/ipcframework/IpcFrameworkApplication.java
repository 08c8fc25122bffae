package dev.ipcframework;

import java.util.Map;

import dev.ipcframework.autoconfigure.IpcDashboardAutoConfiguration;
import dev.ipcframework.demo.DemoConfiguration;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Runs the IPC server as a service. Everything it serves comes from the auto-configuration, which other Spring
 * applications get by adding the jar as a dependency; the service adds only the demo applications (off unless
 * {@code ipc.demo.enabled=true}) and a root page that leads to the dashboard. Nothing is component-scanned, so the
 * service is the same whatever else is on its class path.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(DemoConfiguration.class)
public class IpcFrameworkApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(IpcFrameworkApplication.class);
		// set here rather than in an application.yml inside the jar, which would leak into applications that use
		// the jar as a library
		application.setBannerMode(Banner.Mode.OFF);
		application.setDefaultProperties(Map.of("spring.application.name", "ipc-framework"));
		String portFile = System.getenv("IPC_PORT_FILE");
		if (portFile != null && !portFile.isBlank()) {
			// the HTTP port as actually bound, for a container health check that cannot know how it was chosen
			application.addListeners(new WebServerPortFileWriter(portFile));
		}
		application.run(args);
	}

	/** The service's root leads to the dashboard; an application that uses the library keeps its root. */
	@Bean
	@ConditionalOnProperty(prefix = "ipc.dashboard", name = "enabled", matchIfMissing = true)
	WebMvcConfigurer ipcServiceRootRedirect() {
		return new WebMvcConfigurer() {

			@Override
			public void addViewControllers(ViewControllerRegistry registry) {
				registry.addRedirectViewController("/", IpcDashboardAutoConfiguration.PATH);
			}

		};
	}

}
