package dev.ipcframework.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import dev.ipcframework.presence.PresencePolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presence, under {@code ipc.presence.*}: who is subscribed to a channel, and events when subscribers join and
 * leave. Every default is listed in the README's configuration table.
 *
 * @param enabled whether channels keep track of their subscribers
 * @param apps settings of single apps, by app id
 */
@ConfigurationProperties("ipc.presence")
public record IpcPresenceProperties(@DefaultValue("false") boolean enabled, @DefaultValue Map<String, App> apps) {

	/**
	 * One app's settings.
	 *
	 * @param enabled overrides {@code ipc.presence.enabled} for this app
	 */
	public record App(@Nullable Boolean enabled) {
	}

	PresencePolicy toPolicy() {
		Map<String, Boolean> perApp = new HashMap<>();
		this.apps.forEach((appId, app) -> {
			if (app.enabled() != null) {
				perApp.put(appId, app.enabled());
			}
		});
		return new PresencePolicy(this.enabled, perApp);
	}

}
