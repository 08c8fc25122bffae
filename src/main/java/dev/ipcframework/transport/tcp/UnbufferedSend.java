package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * How both of our TCP connections send: the connection's mapper turns the message into a payload (a batch of
 * frames), its serializer writes that straight to the socket's stream, one sender at a time. Spring Integration's
 * connections would put a buffer as large as the kernel's send buffer in between, for every connection; the
 * serializer already hands over each batch as one array.
 */
final class UnbufferedSend {

	/** The stream to write to, opened on first use. */
	@FunctionalInterface
	interface Stream {

		OutputStream get() throws IOException;

	}

	private final Lock lock = new ReentrantLock();

	private final TcpConnectionSupport connection;

	private final Stream stream;

	private final Consumer<MessagingException> onFailure;

	/**
	 * @param onFailure what the connection does when a send fails, before the failure is thrown to the sender:
	 * publish the event and close (protected methods of the connection, so the connection passes them in)
	 */
	UnbufferedSend(TcpConnectionSupport connection, Stream stream, Consumer<MessagingException> onFailure) {
		this.connection = connection;
		this.stream = stream;
		this.onFailure = onFailure;
	}

	@SuppressWarnings("unchecked")
	void send(Message<?> message) {
		this.lock.lock();
		try {
			Object payload = this.connection.getMapper().fromMessage(message);
			if (payload == null) {
				throw new IllegalStateException("The mapper returned null for message: " + message);
			}
			((Serializer<Object>) this.connection.getSerializer()).serialize(payload, this.stream.get());
		}
		catch (Exception ex) {
			MessagingException failure = new MessagingException(message, "Send Failed", ex);
			this.onFailure.accept(failure);
			throw failure;
		}
		finally {
			this.lock.unlock();
		}
	}

}
