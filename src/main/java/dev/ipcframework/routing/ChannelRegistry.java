package dev.ipcframework.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.relay.RequestRelay;
import org.jspecify.annotations.Nullable;

/**
 * The applications and their channels. By default both are created on first use, as in the original server;
 * otherwise only those declared in configuration or served by a handler exist.
 * <p>
 * Clients choose channel names, so a channel exists only while something holds it: a subscriber, a serving client,
 * a handler, or the configuration that declares it. Naming a channel in a request, notification or publish creates
 * nothing, and a channel whose last holder leaves is dropped; otherwise every name a client ever used would be kept
 * for as long as the server runs. Creating a channel and dropping it run under the map's lock for that name, so a
 * channel is never dropped while a subscriber is joining it.
 */
public class ChannelRegistry {

	private final Map<String, Map<String, IpcChannel>> apps = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> declared;

	private final boolean autoCreate;

	private final ChannelLimits limits;

	private final IpcHandlerRegistry handlers;

	private final RequestRelay relay;

	public ChannelRegistry(boolean autoCreate, Map<String, List<String>> declared, ChannelLimits limits,
			IpcHandlerRegistry handlers, RequestRelay relay) {
		this.autoCreate = autoCreate;
		this.limits = limits;
		this.handlers = handlers;
		this.relay = relay;
		this.declared = new ConcurrentHashMap<>();
		declared.forEach((app, channels) -> {
			this.declared.put(app, Set.copyOf(channels));
			Map<String, IpcChannel> appChannels = appChannels(app);
			channels.forEach((channel) -> appChannels.computeIfAbsent(channel, (id) -> new IpcChannel(app, id)));
		});
	}

	/**
	 * Checks that a client may connect to the application.
	 * @throws IpcException {@code APP_ID_TOO_LONG} for an id over the limit, {@code UNKNOWN_APP} when the
	 * application neither exists nor may be created
	 */
	public void requireApp(String appId) {
		if (appId.length() > this.limits.maxAppIdLength()) {
			throw new IpcException(IpcErrorCode.APP_ID_TOO_LONG, "app id of " + appId.length()
					+ " characters exceeds the limit of " + this.limits.maxAppIdLength());
		}
		if (!this.apps.containsKey(appId)) {
			if (!this.autoCreate && !this.handlers.handlesApp(appId)) {
				throw new IpcException(IpcErrorCode.UNKNOWN_APP, "unknown app '" + appId + "'");
			}
			appChannels(appId);
		}
	}

	/**
	 * Checks the length of a channel id a client sent.
	 * @throws IpcException {@code CHANNEL_NAME_TOO_LONG} for an id over the limit
	 */
	public void checkName(String channelId) {
		if (channelId.length() > this.limits.maxChannelNameLength()) {
			throw new IpcException(IpcErrorCode.CHANNEL_NAME_TOO_LONG, "channel id of " + channelId.length()
					+ " characters exceeds the limit of " + this.limits.maxChannelNameLength());
		}
	}

	/**
	 * Checks that a message may name the channel, without creating it. The caller has checked the name's length
	 * ({@link #checkName}) before anything else, so that a too long name is refused as such whatever else is wrong.
	 * @throws IpcException {@code UNKNOWN_CHANNEL} when the channel neither exists nor may be created
	 */
	public void requireChannel(String appId, String channelId) {
		if (find(appId, channelId) == null && !mayCreate(appId, channelId)) {
			throw unknown(appId, channelId);
		}
	}

	/**
	 * Hands the channel, created first when that is allowed, to an action that makes something hold it (a
	 * subscription, a serving client); until the action returns, the channel cannot be dropped. When the action
	 * throws, a channel created for it is not kept.
	 * @throws IpcException {@code CHANNEL_NAME_TOO_LONG}, {@code UNKNOWN_CHANNEL}, or {@code TOO_MANY_CHANNELS}
	 * when the application has as many channels as it may
	 */
	public IpcChannel hold(String appId, String channelId, Consumer<IpcChannel> action) {
		checkName(channelId);
		Map<String, IpcChannel> channels = appChannels(appId);
		return channels.compute(channelId, (id, existing) -> {
			IpcChannel channel = existing;
			if (channel == null) {
				if (!mayCreate(appId, id)) {
					throw unknown(appId, id);
				}
				// other names may be added meanwhile, so this bounds the count to about the limit
				if (channels.size() >= this.limits.maxChannels()) {
					throw new IpcException(IpcErrorCode.TOO_MANY_CHANNELS, "app '" + appId + "' has its maximum of "
							+ this.limits.maxChannels() + " channels; no new one can be added");
				}
				channel = new IpcChannel(appId, id);
			}
			action.accept(channel);
			return channel;
		});
	}

	/**
	 * Drops the channel if nothing holds it any more: no subscriber, no serving client, no handler, and not
	 * declared. Called whenever a holder leaves.
	 */
	public void release(String appId, String channelId) {
		Map<String, IpcChannel> channels = this.apps.get(appId);
		if (channels != null) {
			channels.computeIfPresent(channelId, (id, channel) -> isHeld(channel) ? channel : null);
		}
	}

	/** The channel if it exists; never creates one. */
	public @Nullable IpcChannel find(String appId, String channelId) {
		Map<String, IpcChannel> channels = this.apps.get(appId);
		return (channels != null) ? channels.get(channelId) : null;
	}

	public Set<String> applications() {
		return new TreeSet<>(this.apps.keySet());
	}

	public List<IpcChannel> channels(String appId) {
		Map<String, IpcChannel> channels = this.apps.get(appId);
		return (channels != null) ? List.copyOf(channels.values()) : List.of();
	}

	/** Channels of all applications together. */
	public int channelCount() {
		return this.apps.values().stream().mapToInt(Map::size).sum();
	}

	private boolean isHeld(IpcChannel channel) {
		String appId = channel.appId();
		String channelId = channel.channelId();
		Set<String> declaredChannels = this.declared.get(appId);
		return channel.subscriberCount() > 0 || (declaredChannels != null && declaredChannels.contains(channelId))
				|| this.relay.responderCount(appId, channelId) > 0 || this.handlers.handlesChannel(appId, channelId);
	}

	private boolean mayCreate(String appId, String channelId) {
		return this.autoCreate || this.handlers.handlesChannel(appId, channelId);
	}

	private static IpcException unknown(String appId, String channelId) {
		return new IpcException(IpcErrorCode.UNKNOWN_CHANNEL,
				"unknown channel '" + channelId + "' in app '" + appId + "'");
	}

	private Map<String, IpcChannel> appChannels(String appId) {
		return this.apps.computeIfAbsent(appId, (id) -> new ConcurrentHashMap<>());
	}

}
