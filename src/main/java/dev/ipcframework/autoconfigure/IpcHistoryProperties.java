package dev.ipcframework.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.history.HistoryLimits;
import dev.ipcframework.history.HistoryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Channel history, under {@code ipc.history.*}: kept publishes, so that a client that was away recovers what it
 * missed. Every default is listed in the README's configuration table.
 *
 * @param size messages kept per channel; {@code 0} keeps none (history off)
 * @param ttl the longest a message is kept; {@code 0} for no age limit
 * @param apps settings of single apps, by app id
 */
@ConfigurationProperties("ipc.history")
public record IpcHistoryProperties(@DefaultValue("0") int size, @DefaultValue("0s") Duration ttl,
		@DefaultValue Map<String, App> apps) {

	/**
	 * One app's settings; what is not set is taken from {@code ipc.history.*}.
	 *
	 * @param size overrides {@code ipc.history.size} for this app
	 * @param ttl overrides {@code ipc.history.ttl} for this app
	 */
	public record App(@Nullable Integer size, @Nullable Duration ttl) {
	}

	HistoryPolicy toPolicy() {
		HistoryLimits defaults = new HistoryLimits(this.size, this.ttl);
		Map<String, HistoryLimits> perApp = new java.util.HashMap<>();
		this.apps.forEach((appId, app) -> perApp.put(appId,
				new HistoryLimits((app.size() != null) ? app.size() : this.size,
						(app.ttl() != null) ? app.ttl() : this.ttl)));
		return new HistoryPolicy(defaults, perApp);
	}

}
