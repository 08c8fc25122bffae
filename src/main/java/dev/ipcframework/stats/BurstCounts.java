package dev.ipcframework.stats;

import java.util.Arrays;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.MessageType;

/**
 * One thread's counts and handler times while it handles a burst of frames, added to the shared counters and
 * meters once, when the burst ends and before its replies are written. The shared counters are written by every
 * reading thread: counted for each message, their cache lines moved between cores about twenty times per request,
 * a fifth of the server's CPU under many small requests. A burst is tens of frames of one connection, mostly of one
 * app and channel, so a few keys hold its counts; when more come, those held so far are added at once.
 */
final class BurstCounts {

	private static final int MAX_KEYS = 8;

	private static final int MAX_HANDLER_TIMES = 64;

	private final StatisticsCollector collector;

	private final Runnable addAtBurstEnd = this::add;

	/** Whether the thread's burst will add these counts when it ends. */
	private boolean deferring;

	private final String[] messageApps = new String[MAX_KEYS];

	private final String[] channels = new String[MAX_KEYS];

	private final MessageType[] types = new MessageType[MAX_KEYS];

	private final int[] received = new int[MAX_KEYS];

	private final int[] sent = new int[MAX_KEYS];

	private int messageKeys;

	private final String[] byteApps = new String[MAX_KEYS];

	private final Transport[] transports = new Transport[MAX_KEYS];

	private final long[] bytesReceived = new long[MAX_KEYS];

	private int byteKeys;

	/** Handler times, recorded together: the meters' cache lines come to this core once, not once per call. */
	private final String[] handlerApps = new String[MAX_HANDLER_TIMES];

	private final String[] handlerChannels = new String[MAX_HANDLER_TIMES];

	private final MessageType[] handlerTypes = new MessageType[MAX_HANDLER_TIMES];

	private final long[] handlerNanos = new long[MAX_HANDLER_TIMES];

	private final boolean[] handlerSucceeded = new boolean[MAX_HANDLER_TIMES];

	private int handlerTimes;

	BurstCounts(StatisticsCollector collector) {
		this.collector = collector;
	}

	/** Whether counts can wait for the end of the calling thread's burst; not when it is in none. */
	boolean deferring() {
		if (!this.deferring) {
			this.deferring = ConnectionHandle.runAtWriteBurstEnd(this.addAtBurstEnd);
		}
		return this.deferring;
	}

	void received(String appId, String channelId, MessageType type) {
		this.received[messageKey(appId, channelId, type)]++;
	}

	void sent(String appId, String channelId, MessageType type, int count) {
		this.sent[messageKey(appId, channelId, type)] += count;
	}

	void bytesReceived(String appId, Transport transport, int bytes) {
		this.bytesReceived[byteKey(appId, transport)] += bytes;
	}

	void handlerCompleted(String appId, String channelId, MessageType type, long nanos, boolean succeeded) {
		if (this.handlerTimes == MAX_HANDLER_TIMES) {
			addHandlerTimes();
		}
		int i = this.handlerTimes++;
		this.handlerApps[i] = appId;
		this.handlerChannels[i] = channelId;
		this.handlerTypes[i] = type;
		this.handlerNanos[i] = nanos;
		this.handlerSucceeded[i] = succeeded;
	}

	private int messageKey(String appId, String channelId, MessageType type) {
		for (int i = 0; i < this.messageKeys; i++) {
			if (this.types[i] == type && this.messageApps[i].equals(appId) && this.channels[i].equals(channelId)) {
				return i;
			}
		}
		if (this.messageKeys == MAX_KEYS) {
			addMessages();
		}
		int key = this.messageKeys++;
		this.messageApps[key] = appId;
		this.channels[key] = channelId;
		this.types[key] = type;
		return key;
	}

	private int byteKey(String appId, Transport transport) {
		for (int i = 0; i < this.byteKeys; i++) {
			if (this.transports[i] == transport && this.byteApps[i].equals(appId)) {
				return i;
			}
		}
		if (this.byteKeys == MAX_KEYS) {
			addBytes();
		}
		int key = this.byteKeys++;
		this.byteApps[key] = appId;
		this.transports[key] = transport;
		return key;
	}

	/** The burst ended: what it counted goes to the shared counters. */
	private void add() {
		this.deferring = false;
		addMessages();
		addBytes();
		addHandlerTimes();
	}

	private void addMessages() {
		for (int i = 0; i < this.messageKeys; i++) {
			this.collector.addMessages(this.messageApps[i], this.channels[i], this.types[i], this.received[i],
					this.sent[i]);
		}
		Arrays.fill(this.messageApps, 0, this.messageKeys, null);
		Arrays.fill(this.channels, 0, this.messageKeys, null);
		Arrays.fill(this.received, 0, this.messageKeys, 0);
		Arrays.fill(this.sent, 0, this.messageKeys, 0);
		this.messageKeys = 0;
	}

	private void addBytes() {
		for (int i = 0; i < this.byteKeys; i++) {
			this.collector.addBytesReceived(this.byteApps[i], this.transports[i], this.bytesReceived[i]);
		}
		Arrays.fill(this.byteApps, 0, this.byteKeys, null);
		Arrays.fill(this.bytesReceived, 0, this.byteKeys, 0);
		this.byteKeys = 0;
	}

	private void addHandlerTimes() {
		for (int i = 0; i < this.handlerTimes; i++) {
			this.collector.addHandlerTime(this.handlerApps[i], this.handlerChannels[i], this.handlerTypes[i],
					this.handlerNanos[i], this.handlerSucceeded[i]);
		}
		Arrays.fill(this.handlerApps, 0, this.handlerTimes, null);
		Arrays.fill(this.handlerChannels, 0, this.handlerTimes, null);
		this.handlerTimes = 0;
	}

}
