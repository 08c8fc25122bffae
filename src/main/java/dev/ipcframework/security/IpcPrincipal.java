package dev.ipcframework.security;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who an authenticated connection acts for, and what it may do. {@code @IpcHandler} methods may declare a
 * parameter of this type; it is {@code null} for a connection that presented no credentials (authentication
 * {@code none}, or {@code optional} without a token).
 *
 * @param name the principal's name (a token's {@code sub})
 * @param apps the app ids the principal may join; {@code *} means any
 * @param permissions what the principal may do on the channels of the app it joined
 * @param expiresAt when the credentials expire, after which the connection is closed; {@code null} for never
 */
public record IpcPrincipal(String name, Set<String> apps, ChannelPermissions permissions,
		@Nullable Instant expiresAt) {

	/** Any app, as a member of {@link #apps()}. */
	public static final String ANY_APP = "*";

	public IpcPrincipal {
		apps = Set.copyOf(apps);
	}

	public boolean mayJoin(String appId) {
		return this.apps.contains(ANY_APP) || this.apps.contains(appId);
	}

	public boolean permits(IpcAction action, String channelId) {
		return this.permissions.permits(action, channelId);
	}

}
