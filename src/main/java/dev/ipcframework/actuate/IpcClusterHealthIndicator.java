package dev.ipcframework.actuate;

import dev.ipcframework.cluster.ClusterMembership;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code ipcCluster} health component: up while the node reaches Redis, down while it serves its own clients
 * alone. It is not part of liveness: a node without Redis still serves its clients, and restarting it would not
 * bring Redis back.
 */
public class IpcClusterHealthIndicator extends AbstractHealthIndicator {

	private final ClusterMembership membership;

	public IpcClusterHealthIndicator(ClusterMembership membership) {
		super("IPC cluster health check failed");
		this.membership = membership;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("nodeId", this.membership.nodeId());
		if (this.membership.isUp()) {
			builder.up().withDetail("nodes", this.membership.nodes().size());
		}
		else {
			builder.down().withDetail("redis", "not reachable; serving this node's clients alone");
		}
	}

}
