package dev.ipcframework.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard page at {@value #PATH}, on the HTTP port of a servlet web application with Spring MVC; off with
 * {@code ipc.dashboard.enabled=false}. It lives under a path of its own so that an application using the library
 * keeps its root and static content to itself. The page polls the {@code ipc} Actuator endpoint.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnProperty(prefix = "ipc.dashboard", name = "enabled", matchIfMissing = true)
public class IpcDashboardAutoConfiguration {

	/** Where the page is served. */
	public static final String PATH = "/ipc/dashboard/";

	/** Not a location Spring Boot serves static content from, so that the page is served only from here. */
	private static final String LOCATION = "classpath:/META-INF/ipc-dashboard/";

	@Bean
	WebMvcConfigurer ipcDashboardWebMvcConfigurer() {
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler(PATH + "**").addResourceLocations(LOCATION);
			}

			@Override
			public void addViewControllers(ViewControllerRegistry registry) {
				// relative links of the page need the trailing slash
				registry.addRedirectViewController(PATH.substring(0, PATH.length() - 1), PATH);
				registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
			}

		};
	}

}
