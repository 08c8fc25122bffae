package dev.ipcframework.autoconfigure;

import java.time.Clock;

import dev.ipcframework.actuate.IpcEndpoint;
import dev.ipcframework.dashboard.ChannelTraffic;
import dev.ipcframework.dashboard.DashboardFeed;
import dev.ipcframework.dashboard.DashboardFeedController;
import dev.ipcframework.dashboard.HandlerLatency;
import dev.ipcframework.dashboard.MicrometerHandlerLatency;
import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.stats.StatisticsCollector;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard page at {@value #PATH}, on the HTTP port of a servlet web application with Spring MVC; off with
 * {@code ipc.dashboard.enabled=false}. It lives under a path of its own so that an application using the library
 * keeps its root and static content to itself. Where the {@code ipc} Actuator endpoint is exposed, the page's live
 * feed ({@link DashboardFeed}) is served next to it; the page's actions call the endpoint.
 */
@AutoConfiguration(after = IpcActuatorAutoConfiguration.class)
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

	/** The live feed: it shows what the {@code ipc} endpoint reports, so it is there only where that is. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	static class IpcDashboardFeedConfiguration {

		// a nested class, so that its conditions are read only once Actuator is known to be there
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBean(IpcEndpoint.class)
		@ConditionalOnAvailableEndpoint(IpcEndpoint.class)
		static class IpcEndpointExposedConfiguration {

			@Bean
			@ConditionalOnMissingBean
			ChannelTraffic ipcDashboardChannelTraffic(StatisticsCollector stats) {
				ChannelTraffic traffic = new ChannelTraffic();
				stats.addListener(traffic);
				return traffic;
			}

			@Bean
			@ConditionalOnMissingBean
			DashboardFeed ipcDashboardFeed(IpcEndpoint endpoint, RequestRelay relay, ChannelTraffic traffic,
					ObjectProvider<HandlerLatency.Source> latency) {
				return new DashboardFeed(endpoint, relay, traffic, latency.getIfAvailable(), Clock.systemUTC());
			}

			@Bean
			@ConditionalOnMissingBean
			DashboardFeedController ipcDashboardFeedController(DashboardFeed feed) {
				return new DashboardFeedController(feed);
			}

			/** Handler latency from the Micrometer timer, when Micrometer is present. */
			@Configuration(proxyBeanMethods = false)
			@ConditionalOnClass(MeterRegistry.class)
			static class IpcDashboardLatencyConfiguration {

				@Bean
				@ConditionalOnMissingBean
				HandlerLatency.Source ipcDashboardHandlerLatency(ObjectProvider<MeterRegistry> registry) {
					return new MicrometerHandlerLatency(registry);
				}

			}

		}

	}

}
