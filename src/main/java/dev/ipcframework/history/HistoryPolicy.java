package dev.ipcframework.history;

import java.util.Map;

/**
 * Which applications keep the history of their channels, and how much: limits of their own for some, the same
 * limits for all others.
 */
public final class HistoryPolicy {

	private final HistoryLimits defaults;

	private final Map<String, HistoryLimits> apps;

	public HistoryPolicy(HistoryLimits defaults, Map<String, HistoryLimits> apps) {
		this.defaults = defaults;
		this.apps = Map.copyOf(apps);
	}

	public HistoryLimits limitsFor(String appId) {
		return this.apps.getOrDefault(appId, this.defaults);
	}

	/** Whether any application keeps history at all; when none does, publishing pays nothing for it. */
	public boolean keepsAnyHistory() {
		return this.defaults.keepsHistory() || this.apps.values().stream().anyMatch(HistoryLimits::keepsHistory);
	}

}
