package dev.ipcframework.autoconfigure;

import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.history.InMemoryHistoryStore;
import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.routing.SubscriptionHandler;
import dev.ipcframework.routing.SubscriptionRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Channel history and the subscriptions that recover from it. The store is always there (keeping nothing while
 * {@code ipc.history.size} is 0 for every app), so that subscriptions have one path.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IpcHistoryProperties.class)
class IpcHistoryConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HistoryStore ipcHistoryStore(IpcHistoryProperties history, IpcProperties properties) {
		return new InMemoryHistoryStore(history.toPolicy(), properties.apps().maxChannels());
	}

	@Bean
	@ConditionalOnMissingBean
	SubscriptionHandler ipcSubscriptionHandler(ChannelRegistry channels, SubscriptionRegistry subscriptions,
			HistoryStore history, ReplySender replies) {
		return new SubscriptionHandler(channels, subscriptions, history, replies);
	}

}
