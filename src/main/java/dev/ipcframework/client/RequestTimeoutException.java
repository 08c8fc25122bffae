package dev.ipcframework.client;

import java.time.Duration;

/**
 * No response arrived within the request's timeout. A response that arrives later is ignored. The code is
 * {@code TIMEOUT}, the same as a timeout the server reports for a relayed request.
 */
public class RequestTimeoutException extends IpcClientException {

	private static final long serialVersionUID = 1L;

	public RequestTimeoutException(String channel, Duration timeout) {
		super("TIMEOUT", "no response on channel '" + channel + "' within " + timeout.toMillis() + " ms");
	}

}
