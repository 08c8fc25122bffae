package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * The NATS counterpart of our {@code demo/echo} handler: NATS has no handlers inside the server, so a jnats
 * connection in the benchmark process subscribes to {@link NatsWire#ECHO_SUBJECT} and publishes each request's
 * payload to its reply subject. A NATS request thus crosses the server twice, and the responder's work is done on
 * the same cores as the server's.
 */
final class NatsEchoResponder implements AutoCloseable {

	private final Connection connection;

	private NatsEchoResponder(Connection connection) {
		this.connection = connection;
	}

	static NatsEchoResponder start(InetSocketAddress address) throws IOException, InterruptedException {
		Options options = new Options.Builder().server("nats://" + address.getHostString() + ":" + address.getPort())
			.connectionName("bench-echo-responder")
			.connectionTimeout(Duration.ofSeconds(5))
			.build();
		Connection connection = Nats.connect(options);
		Dispatcher dispatcher = connection.createDispatcher((message) -> connection.publish(message.getReplyTo(),
				message.getData()));
		dispatcher.subscribe(NatsWire.ECHO_SUBJECT);
		try {
			// the subscription is known to the server once a flush round trip has completed
			connection.flush(Duration.ofSeconds(5));
		}
		catch (TimeoutException ex) {
			connection.close();
			throw new IOException("the NATS responder's subscription was not confirmed", ex);
		}
		return new NatsEchoResponder(connection);
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
