package dev.ipcframework.presence;

import java.util.Map;

/**
 * Which applications keep track of who is subscribed to their channels: a setting of their own for some, the same
 * for all others.
 */
public final class PresencePolicy {

	private final boolean defaultEnabled;

	private final Map<String, Boolean> apps;

	public PresencePolicy(boolean defaultEnabled, Map<String, Boolean> apps) {
		this.defaultEnabled = defaultEnabled;
		this.apps = Map.copyOf(apps);
	}

	public boolean tracks(String appId) {
		return this.apps.getOrDefault(appId, this.defaultEnabled);
	}

}
