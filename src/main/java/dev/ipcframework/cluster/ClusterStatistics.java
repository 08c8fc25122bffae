package dev.ipcframework.cluster;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the node could not hand to the other nodes because Redis was not reachable.
 */
public class ClusterStatistics {

	private final LongAdder unforwarded = new LongAdder();

	void unforwarded() {
		this.unforwarded.increment();
	}

	/** Messages (publishes, messages to connections elsewhere, broadcasts, answers) not sent to other nodes. */
	public long unforwardedMessages() {
		return this.unforwarded.sum();
	}

}
