package dev.ipcframework.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Redis could not be reached, or did not answer in time: the node goes on alone.
 */
public class ClusterUnavailableException extends RuntimeException {

	ClusterUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
