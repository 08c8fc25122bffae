package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.presence.PresenceRegistry;

import org.springframework.context.SmartLifecycle;

/**
 * This server as one node of a cluster: joins when the application starts (or, when Redis is away then, as soon as
 * it is reachable), beats on a thread of its own, and leaves after the IPC endpoints have drained their clients, so
 * that answers to other nodes still go out during the drain.
 */
public class ClusterNode implements SmartLifecycle {

	/** Stand-ins for remote requesters that sent nothing for this long are forgotten. */
	private static final long STAND_IN_IDLE_NANOS = TimeUnit.MINUTES.toNanos(5);

	private final RedisLink link;

	private final ClusterMembership membership;

	private final ServedChannels served;

	private final ConnectionDirectory directory;

	private final RemoteRequests requests;

	private final RemoteRequesters requesters;

	private final ClusterInbox inbox;

	private final ClusterPresence presence;

	private final Duration heartbeatInterval;

	private volatile ScheduledExecutorService heartbeat;

	public ClusterNode(RedisLink link, ClusterMembership membership, ServedChannels served,
			ConnectionDirectory directory, RemoteRequests requests, RemoteRequesters requesters, ClusterInbox inbox,
			ClusterPresence presence, PresenceRegistry presenceRegistry, Duration heartbeatInterval) {
		this.link = link;
		this.membership = membership;
		this.served = served;
		this.directory = directory;
		this.requests = requests;
		this.requesters = requesters;
		this.inbox = inbox;
		this.presence = presence;
		this.heartbeatInterval = heartbeatInterval;
		membership.onJoin(served::announce);
		membership.onJoin(directory::reclaim);
		membership.onJoin(presence::announce);
		membership.onNodeGone(requests::nodeGone);
		membership.onNodeGone(requesters::nodeGone);
		membership.onNodeGone((node) -> presence.nodeGone(node, presenceRegistry));
	}

	public String nodeId() {
		return this.membership.nodeId();
	}

	@Override
	public void start() {
		this.link.onMessage(this.inbox::receive);
		this.link.subscribe(ClusterKeys.text(ClusterKeys.inbox(nodeId())));
		this.link.subscribe(ClusterKeys.text(ClusterKeys.BROADCAST));
		this.served.addHandlers();
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ipc-cluster-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		// the first beat joins, before clients arrive when Redis is reachable
		this.membership.beat();
		executor.scheduleWithFixedDelay(this::beat, this.heartbeatInterval.toNanos(),
				this.heartbeatInterval.toNanos(), TimeUnit.NANOSECONDS);
		this.heartbeat = executor;
	}

	private void beat() {
		this.membership.beat();
		this.requesters.forgetIdle(STAND_IN_IDLE_NANOS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.heartbeat;
		if (executor != null) {
			executor.shutdownNow();
		}
		if (this.link.isUp()) {
			this.served.withdraw();
			this.directory.releaseAll();
			this.presence.withdraw();
			this.membership.leave();
		}
		this.link.close();
		this.heartbeat = null;
	}

	@Override
	public boolean isRunning() {
		return this.heartbeat != null;
	}

	/** Stopped after the drain of the IPC endpoints (whose phase is the last), so that answers still go out. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

}
