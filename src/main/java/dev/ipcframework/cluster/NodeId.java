package dev.ipcframework.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id of this node in the cluster, the same for every part of it.
 *
 * @param value the id
 */
public record NodeId(String value) {

	/** The host name and a random suffix: unique even for several nodes on one host, or restarts of one. */
	public static NodeId generate() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "node";
		}
		return new NodeId(host + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
