package dev.ipcframework.autoconfigure;

import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.history.InMemoryHistoryStore;
import dev.ipcframework.presence.PresenceRegistry;
import dev.ipcframework.presence.PresenceSharing;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.routing.HistoryActionHandler;
import dev.ipcframework.routing.PresenceActionHandler;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.routing.SubscriptionHandler;
import dev.ipcframework.routing.SubscriptionRegistry;
import dev.ipcframework.security.ChannelAuthorizer;
import dev.ipcframework.stats.StatisticsCollector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Channel history and presence, and the subscriptions that recover from the one and show in the other. Store and
 * registry are always there (keeping nothing for apps that have them off), so that subscriptions have one path.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ IpcHistoryProperties.class, IpcPresenceProperties.class })
class IpcHistoryConfiguration {

	@Bean
	@ConditionalOnMissingBean(HistoryStore.class)
	InMemoryHistoryStore ipcHistoryStore(IpcHistoryProperties history, IpcProperties properties) {
		return new InMemoryHistoryStore(history.toPolicy(), properties.apps().maxChannels());
	}

	@Bean
	@ConditionalOnMissingBean
	PresenceRegistry ipcPresenceRegistry(IpcPresenceProperties presence, EnvelopeCodec codec,
			StatisticsCollector stats, ObjectProvider<PresenceSharing> sharing) {
		return new PresenceRegistry(presence.toPolicy(), codec, stats,
				sharing.getIfAvailable(() -> PresenceSharing.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	SubscriptionHandler ipcSubscriptionHandler(ChannelRegistry channels, SubscriptionRegistry subscriptions,
			HistoryStore history, PresenceRegistry presence, ReplySender replies) {
		return new SubscriptionHandler(channels, subscriptions, history, presence, replies);
	}

	@Bean
	@ConditionalOnMissingBean
	HistoryActionHandler ipcHistoryActionHandler(HistoryStore history, ChannelRegistry channels,
			ChannelAuthorizer authorizer) {
		return new HistoryActionHandler(history, channels, authorizer);
	}

	@Bean
	@ConditionalOnMissingBean
	PresenceActionHandler ipcPresenceActionHandler(PresenceRegistry presence, ChannelRegistry channels,
			ChannelAuthorizer authorizer) {
		return new PresenceActionHandler(presence, channels, authorizer);
	}

}
