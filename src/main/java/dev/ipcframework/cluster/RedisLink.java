package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The node's two connections to Redis, made with the Lettuce client that Spring Data Redis configured from
 * {@code spring.data.redis.*} (standalone, Sentinel or Cluster): one for commands, on which publishes go out
 * pipelined and in call order, and one for pub/sub, whose messages arrive on one thread in the order Redis sent them.
 * <p>
 * Once connected, Lettuce reconnects both by itself and subscribes again to every channel it had. Only the first
 * connection, which may fail while Redis is away, is retried here. Commands never wait on a link that is down: the
 * node works alone meanwhile, rather than queueing behind a reconnect.
 */
public class RedisLink implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisLink.class);

	private final LettuceConnectionFactory factory;

	private final Duration timeout;

	/** The pub/sub channels the node wants, kept here so that a link made later subscribes to them. */
	private final Set<String> topics = ConcurrentHashMap.newKeySet();

	private volatile BiConsumer<byte[], byte[]> onMessage = (channel, message) -> {
	};

	private volatile @Nullable StatefulConnection<byte[], byte[]> commandConnection;

	private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> pubSub;

	private volatile boolean closed;

	/** @param timeout the longest a command waited on is waited for */
	public RedisLink(LettuceConnectionFactory factory, Duration timeout) {
		this.factory = factory;
		this.timeout = timeout;
	}

	/** Where the messages of subscribed channels go: the channel and the message, on Lettuce's thread. */
	void onMessage(BiConsumer<byte[], byte[]> consumer) {
		this.onMessage = consumer;
	}

	/**
	 * Connects unless connected.
	 * @return whether the link is connected now
	 */
	synchronized boolean connect() {
		if (this.closed) {
			return false;
		}
		if (this.commandConnection != null) {
			return isUp();
		}
		StatefulConnection<byte[], byte[]> connection = null;
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = null;
		try {
			if (!this.factory.isRunning()) {
				this.factory.start();
			}
			AbstractRedisClient client = this.factory.getRequiredNativeClient();
			if (client instanceof RedisClusterClient cluster) {
				StatefulRedisClusterConnection<byte[], byte[]> clustered = cluster.connect(ByteArrayCodec.INSTANCE);
				connection = clustered;
				this.commands = clustered.async();
				subscriber = cluster.connectPubSub(ByteArrayCodec.INSTANCE);
			}
			else {
				StatefulRedisConnection<byte[], byte[]> single = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
				connection = single;
				this.commands = single.async();
				subscriber = ((RedisClient) client).connectPubSub(ByteArrayCodec.INSTANCE);
			}
			subscriber.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(byte[] channel, byte[] message) {
					RedisLink.this.onMessage.accept(channel, message);
				}

			});
			byte[][] wanted = this.topics.stream().map(ClusterKeys::bytes).toArray(byte[][]::new);
			if (wanted.length > 0) {
				await(subscriber.async().subscribe(wanted));
			}
			this.pubSub = subscriber;
			this.commandConnection = connection;
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug("Redis not reachable", ex);
			if (subscriber != null) {
				subscriber.closeAsync();
			}
			if (connection != null) {
				connection.closeAsync();
			}
			this.commands = null;
			return false;
		}
	}

	/** Whether both connections are open now; while they are not, nothing is sent. */
	public boolean isUp() {
		StatefulConnection<byte[], byte[]> connection = this.commandConnection;
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
		return connection != null && connection.isOpen() && subscriber != null && subscriber.isOpen();
	}

	/**
	 * Publishes without waiting for Redis.
	 * @return {@code false} when the link is down and nothing was sent
	 */
	boolean publish(byte[] channel, byte[] message) {
		RedisClusterAsyncCommands<byte[], byte[]> current = this.commands;
		if (current == null || !isUp()) {
			return false;
		}
		current.publish(channel, message);
		return true;
	}

	/** Listens to a pub/sub channel from now on, also after a reconnect; subscribing twice is harmless. */
	void subscribe(String topic) {
		if (this.topics.add(topic)) {
			StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
			if (subscriber != null) {
				subscriber.async().subscribe(ClusterKeys.bytes(topic));
			}
		}
	}

	/**
	 * Listens to a pub/sub channel, as {@link #subscribe}, and asks Redis again even when listening already: the
	 * returned future completes once Redis has confirmed it, and from then on every message published to the
	 * channel reaches the node.
	 * @throws ClusterUnavailableException when the link is down
	 */
	RedisFuture<Void> subscribeConfirmed(String topic) {
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
		if (subscriber == null || !isUp()) {
			throw new ClusterUnavailableException("Redis is not reachable", null);
		}
		this.topics.add(topic);
		return subscriber.async().subscribe(ClusterKeys.bytes(topic));
	}

	void unsubscribe(String topic) {
		if (this.topics.remove(topic)) {
			StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
			if (subscriber != null) {
				subscriber.async().unsubscribe(ClusterKeys.bytes(topic));
			}
		}
	}

	/**
	 * The commands, for a caller that then waits with {@link #await}.
	 * @throws ClusterUnavailableException when the link is down
	 */
	RedisClusterAsyncCommands<byte[], byte[]> commands() {
		RedisClusterAsyncCommands<byte[], byte[]> current = this.commands;
		if (current == null || !isUp()) {
			throw new ClusterUnavailableException("Redis is not reachable", null);
		}
		return current;
	}

	/**
	 * Waits for a command's result, at most the link's timeout.
	 * @throws ClusterUnavailableException when it failed or took longer
	 */
	<T> T await(RedisFuture<T> future) {
		try {
			return future.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterUnavailableException("interrupted while waiting for Redis", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ClusterUnavailableException("Redis did not answer: " + ex.getMessage(), ex);
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
		StatefulConnection<byte[], byte[]> connection = this.commandConnection;
		if (subscriber != null) {
			subscriber.close();
		}
		if (connection != null) {
			connection.close();
		}
	}

}
