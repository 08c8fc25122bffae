package dev.ipcframework.security;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The channels on which a principal may take each action. A pattern is a channel id, {@code *} for every channel,
 * or a prefix ending in {@code *} ({@code news.*} matches {@code news.sports}). An action without patterns is denied.
 */
public final class ChannelPermissions {

	/** Every action on every channel: a token without a {@code permissions} claim, a static token. */
	public static final ChannelPermissions ALL = new ChannelPermissions(null);

	/** Patterns by action; {@code null} for {@link #ALL}. */
	private final @Nullable Map<IpcAction, List<String>> patterns;

	private ChannelPermissions(@Nullable Map<IpcAction, List<String>> patterns) {
		this.patterns = patterns;
	}

	/** Permissions that allow each action only on the channels its patterns match. */
	public static ChannelPermissions of(Map<IpcAction, List<String>> patterns) {
		Map<IpcAction, List<String>> copy = new EnumMap<>(IpcAction.class);
		patterns.forEach((action, list) -> copy.put(action, List.copyOf(list)));
		return new ChannelPermissions(copy);
	}

	public boolean permits(IpcAction action, String channelId) {
		if (this.patterns == null) {
			return true;
		}
		for (String pattern : this.patterns.getOrDefault(action, List.of())) {
			if (matches(pattern, channelId)) {
				return true;
			}
		}
		return false;
	}

	static boolean matches(String pattern, String channelId) {
		if (pattern.endsWith("*")) {
			return channelId.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return pattern.equals(channelId);
	}

	@Override
	public String toString() {
		return (this.patterns != null) ? this.patterns.toString() : "all";
	}

}
