package dev.ipcframework.autoconfigure;


import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.relay.ServingListener;
import dev.ipcframework.stats.StatisticsCollector;

import org.springframework.beans.factory.ObjectProvider;
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
	RequestRelay ipcRequestRelay(IpcExecutors executors, StatisticsCollector stats, IpcProperties properties,
			ObjectProvider<ServingListener> servingListener) {
		return new RequestRelay(executors.scheduler(), stats, properties.requests().timeout(), properties.relay().maxPending(),
				properties.relay().preferRemote(), servingListener.getIfAvailable(() -> ServingListener.NONE));
	}

}
