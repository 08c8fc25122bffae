package dev.ipcframework.autoconfigure;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.stats.StatisticsCollector;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The relay of requests to clients that serve them, and the one scheduler that times all of them out.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IpcRelayProperties.class)
class IpcRelayConfiguration {

	@Bean(destroyMethod = "shutdownNow")
	@ConditionalOnMissingBean(name = "ipcRelayTimeoutScheduler")
	ScheduledExecutorService ipcRelayTimeoutScheduler(IpcRelayProperties properties) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("ipc-relay-timeout-");
		threadFactory.setDaemon(true);
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(
				properties.relay().timeoutThreads(), threadFactory);
		// answered requests cancel their timer; drop those at once instead of holding them until they would fire
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	@Bean
	@ConditionalOnMissingBean
	RequestRelay ipcRequestRelay(@Qualifier("ipcRelayTimeoutScheduler") ScheduledExecutorService scheduler,
			StatisticsCollector stats, IpcRelayProperties properties) {
		return new RequestRelay(scheduler, stats, properties.requests().timeout(), properties.relay().maxPending(),
				properties.relay().preferRemote());
	}

}
