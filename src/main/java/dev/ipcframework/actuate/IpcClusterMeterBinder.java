package dev.ipcframework.actuate;

import dev.ipcframework.cluster.ClusterMembership;
import dev.ipcframework.cluster.ClusterStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The cluster's meters: the nodes this one sees, and the messages it could not hand to the others while Redis was
 * away.
 */
public class IpcClusterMeterBinder implements MeterBinder {

	/** Messages not handed to other nodes because Redis was not reachable. */
	public static final String UNFORWARDED = "ipc.cluster.messages.unforwarded";

	/** Nodes alive, this one included. */
	public static final String NODES = "ipc.cluster.nodes";

	/** 1 while the node reaches Redis, else 0. */
	public static final String CONNECTED = "ipc.cluster.connected";

	private final ClusterMembership membership;

	private final ClusterStatistics stats;

	public IpcClusterMeterBinder(ClusterMembership membership, ClusterStatistics stats) {
		this.membership = membership;
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(UNFORWARDED, this.stats, ClusterStatistics::unforwardedMessages)
			.description("Messages not handed to other nodes because Redis was not reachable")
			.register(registry);
		Gauge.builder(NODES, this.membership, (membership) -> membership.nodes().size())
			.description("Nodes of the cluster alive at the last heartbeat, this one included")
			.register(registry);
		Gauge.builder(CONNECTED, this.membership, (membership) -> membership.isUp() ? 1 : 0)
			.description("1 while this node reaches Redis, else 0")
			.register(registry);
	}

}
