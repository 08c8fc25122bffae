package dev.ipcframework.routing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.ipcframework.connection.ConnectionHandle;

/**
 * One channel of one application and the connections subscribed to it.
 */
public final class IpcChannel {

	private final String appId;

	private final String channelId;

	private final Set<ConnectionHandle> subscribers = ConcurrentHashMap.newKeySet();

	/** Held while a publish is queued to every subscriber, so that all subscribers see one order. */
	private final ReentrantLock fanOutLock = new ReentrantLock();

	IpcChannel(String appId, String channelId) {
		this.appId = appId;
		this.channelId = channelId;
	}

	public String appId() {
		return this.appId;
	}

	public String channelId() {
		return this.channelId;
	}

	public int subscriberCount() {
		return this.subscribers.size();
	}

	public List<ConnectionHandle> subscribers() {
		return List.copyOf(this.subscribers);
	}

	boolean addSubscriber(ConnectionHandle connection) {
		return this.subscribers.add(connection);
	}

	boolean removeSubscriber(ConnectionHandle connection) {
		return this.subscribers.remove(connection);
	}

	/** Queues one encoded frame to every subscriber, in the same order for all of them. */
	int fanOut(byte[] frame) {
		this.fanOutLock.lock();
		try {
			int delivered = 0;
			for (ConnectionHandle subscriber : this.subscribers) {
				if (subscriber.sendFrame(frame)) {
					delivered++;
				}
			}
			return delivered;
		}
		finally {
			this.fanOutLock.unlock();
		}
	}

	/**
	 * Like {@link #fanOut(byte[])} for a publish kept in history: subscribers that asked for positions get it with
	 * its offset and epoch, the others the plain frame.
	 */
	int fanOut(byte[] plain, byte[] positioned) {
		this.fanOutLock.lock();
		try {
			int delivered = 0;
			for (ConnectionHandle subscriber : this.subscribers) {
				if (subscriber.sendFrame(subscriber.receivesPositions() ? positioned : plain)) {
					delivered++;
				}
			}
			return delivered;
		}
		finally {
			this.fanOutLock.unlock();
		}
	}

}
