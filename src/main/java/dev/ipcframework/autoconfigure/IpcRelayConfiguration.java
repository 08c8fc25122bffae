package dev.ipcframework.autoconfigure;


import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.stats.StatisticsCollector;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay of requests to clients that serve them.
 */
@Configuration(proxyBeanMethods = false)
class IpcRelayConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestRelay ipcRequestRelay(IpcExecutors executors, StatisticsCollector stats, IpcProperties properties) {
		return new RequestRelay(executors.scheduler(), stats, properties.requests().timeout(), properties.relay().maxPending(),
				properties.relay().preferRemote());
	}

}
