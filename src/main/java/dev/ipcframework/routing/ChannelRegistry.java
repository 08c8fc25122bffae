package dev.ipcframework.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import org.jspecify.annotations.Nullable;

/**
 * The applications and their channels. By default both are created on first use, as in the original server;
 * otherwise only those declared in configuration or served by a handler exist.
 */
public class ChannelRegistry {

	private final Map<String, Map<String, IpcChannel>> apps = new ConcurrentHashMap<>();

	private final boolean autoCreate;

	private final IpcHandlerRegistry handlers;

	public ChannelRegistry(boolean autoCreate, Map<String, List<String>> declared, IpcHandlerRegistry handlers) {
		this.autoCreate = autoCreate;
		this.handlers = handlers;
		declared.forEach((app, channels) -> {
			Map<String, IpcChannel> appChannels = appChannels(app);
			channels.forEach((channel) -> appChannels.computeIfAbsent(channel, (id) -> new IpcChannel(app, id)));
		});
	}

	/**
	 * Checks that a client may connect to the application.
	 * @throws IpcException {@code UNKNOWN_APP} when the application neither exists nor may be created
	 */
	public void requireApp(String appId) {
		if (!this.apps.containsKey(appId)) {
			if (!this.autoCreate && !this.handlers.handlesApp(appId)) {
				throw new IpcException(IpcErrorCode.UNKNOWN_APP, "unknown app '" + appId + "'");
			}
			appChannels(appId);
		}
	}

	/**
	 * The channel, created on first use when that is allowed.
	 * @throws IpcException {@code UNKNOWN_CHANNEL} when it neither exists nor may be created
	 */
	public IpcChannel channel(String appId, String channelId) {
		Map<String, IpcChannel> channels = this.apps.get(appId);
		IpcChannel channel = (channels != null) ? channels.get(channelId) : null;
		if (channel != null) {
			return channel;
		}
		if (!this.autoCreate && !this.handlers.handlesChannel(appId, channelId)) {
			throw new IpcException(IpcErrorCode.UNKNOWN_CHANNEL,
					"unknown channel '" + channelId + "' in app '" + appId + "'");
		}
		return appChannels(appId).computeIfAbsent(channelId, (id) -> new IpcChannel(appId, id));
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

	private Map<String, IpcChannel> appChannels(String appId) {
		return this.apps.computeIfAbsent(appId, (id) -> new ConcurrentHashMap<>());
	}

}
