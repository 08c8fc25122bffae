package dev.ipcframework.client;

import java.util.function.Consumer;

import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;

/** A message handler as registered with {@link IpcClient#subscribe}. */
final class ChannelSubscription implements Subscription, MessageHandler {

	private final String channel;

	private final MessageHandler handler;

	private final SubscriptionTable table;

	private final Consumer<String> lastLeft;

	/** @param lastLeft unsubscribes the client from a channel whose last handler left */
	ChannelSubscription(String channel, MessageHandler handler, SubscriptionTable table, Consumer<String> lastLeft) {
		this.channel = channel;
		this.handler = handler;
		this.table = table;
		this.lastLeft = lastLeft;
	}

	@Override
	public void onMessage(IpcEnvelope message) throws Exception {
		this.handler.onMessage(message);
	}

	@Override
	public void onMessage(IpcEnvelope message, @Nullable StreamPosition position) throws Exception {
		this.handler.onMessage(message, position);
	}

	@Override
	public String channel() {
		return this.channel;
	}

	@Override
	public boolean isActive() {
		return this.table.contains(this.channel, this);
	}

	@Override
	public void unsubscribe() {
		if (this.table.remove(this.channel, this)) {
			this.lastLeft.accept(this.channel);
		}
	}

}
