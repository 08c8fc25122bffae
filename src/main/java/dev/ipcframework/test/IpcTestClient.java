package dev.ipcframework.test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.IpcClientException;
import dev.ipcframework.client.IpcConnectionException;
import dev.ipcframework.client.Options;
import dev.ipcframework.client.RequestTimeoutException;
import dev.ipcframework.connection.Transport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the test's own IPC server, for {@link IpcTest @IpcTest} and
 * {@link AutoConfigureIpcTestClient @AutoConfigureIpcTestClient} tests. {@link #app(String)} connects as an
 * application (once per application id and test; the connections are closed after each test method) and gives
 * blocking calls that fail the test when the server does not answer in time:
 *
 * <pre class="code">
 * OrderPlaced reply = client.app("shop").request("orders", new PlaceOrder("sku-1", 2), OrderPlaced.class);
 * String code = client.app("shop").expectError("orders", new PlaceOrder("", 0));   // "BAD_REQUEST"
 * MessageRecorder prices = client.app("shop").subscribe("prices");
 * client.app("shop").publish("prices", Map.of("sku-1", 10));
 * prices.awaitMessages(1);
 * </pre>
 *
 * The underlying {@link IpcClient} of an application is at {@link AppClient#client()}.
 */
public final class IpcTestClient implements AutoCloseable {

	private final Transport transport;

	private final Supplier<URI> url;

	private final JsonMapper jsonMapper;

	private final Duration timeout;

	private final Map<String, AppClient> apps = new ConcurrentHashMap<>();

	/**
	 * A client that connects to the server at the given address when an application is first used.
	 * @param transport the transport of the address
	 * @param url the server's address, asked for when the first application connects ({@code tcp://host:port} or
	 * {@code ws://host:port/path})
	 * @param jsonMapper converts payloads to and from the types tests pass and ask for
	 * @param timeout how long each call waits for the server
	 */
	public IpcTestClient(Transport transport, Supplier<URI> url, JsonMapper jsonMapper, Duration timeout) {
		this.transport = transport;
		this.url = url;
		this.jsonMapper = jsonMapper;
		this.timeout = timeout;
	}

	/** The transport this client connects over. */
	public Transport transport() {
		return this.transport;
	}

	/** The address of the server under test. */
	public URI url() {
		return this.url.get();
	}

	/**
	 * The connection of the application {@code appId}, connected and handshaken on first use in a test.
	 * @param appId the application id the connection registers under
	 * @return the application's client
	 */
	public AppClient app(String appId) {
		return this.apps.computeIfAbsent(appId, this::connect);
	}

	/** Closes every application's connection; the next {@link #app(String)} connects anew. */
	public void reset() {
		this.apps.values().removeIf((app) -> {
			app.client.close();
			return true;
		});
	}

	@Override
	public void close() {
		reset();
	}

	private AppClient connect(String appId) {
		Options options = Options.builder()
			.url(url())
			.appId(appId)
			.requestTimeout(this.timeout)
			.connectTimeout(this.timeout)
			// a test's server does not go away and come back; a dropped connection should fail the test
			.maxReconnectAttempts(0)
			.jsonMapper(this.jsonMapper)
			.build();
		return new AppClient(IpcClient.connect(options));
	}

	private <T> T await(CompletableFuture<T> future, String what) {
		try {
			return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(what + " failed", ex.getCause());
		}
		catch (TimeoutException | CancellationException ex) {
			future.cancel(true);
			throw new AssertionError(what + ": no answer within " + this.timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + " interrupted", ex);
		}
	}

	/**
	 * The connection of one application. Calls block until the server has answered, or fail the test after the
	 * client's timeout.
	 */
	public final class AppClient {

		private final IpcClient client;

		private AppClient(IpcClient client) {
			this.client = client;
		}

		/** The underlying client, for what the blocking calls here do not cover. */
		public IpcClient client() {
			return this.client;
		}

		/**
		 * Sends a request and returns the response payload converted to {@code responseType}.
		 * @throws IpcClientException when the server answers with an error (see {@link #expectError})
		 */
		public <T> T request(String channel, Object payload, Class<T> responseType) {
			return await(this.client.request(channel, payload, responseType), "request on '" + channel + "'");
		}

		/**
		 * Sends a request and returns the response payload as JSON.
		 * @throws IpcClientException when the server answers with an error
		 */
		public JsonNode request(String channel, Object payload) {
			return await(this.client.request(channel, payload), "request on '" + channel + "'");
		}

		/**
		 * Sends a request that must fail, and returns the error code of the server's answer ({@code BAD_REQUEST},
		 * {@code HANDLER_ERROR}, the code of an {@code IpcException}, ...).
		 * @throws AssertionError when the server answers with a response instead
		 * @throws RequestTimeoutException when the server does not answer in time
		 * @throws IpcConnectionException when the connection fails
		 */
		public String expectError(String channel, Object payload) {
			JsonNode response;
			try {
				response = request(channel, payload);
			}
			catch (RequestTimeoutException | IpcConnectionException ex) {
				// the client's own failures, not an answer from the server
				throw ex;
			}
			catch (IpcClientException ex) {
				return ex.code();
			}
			throw new AssertionError(
					"expected an error response to the request on '" + channel + "' but got: " + response);
		}

		/** Publishes to the channel's subscribers, and returns once the server has handled the publish. */
		public void publish(String channel, Object payload) {
			await(this.client.publishConfirmed(channel, payload), "publish on '" + channel + "'");
		}

		/**
		 * Sends a notification, and returns once the server has received it (its handler may still be running).
		 */
		public void notify(String channel, Object payload) {
			this.client.notify(channel, payload);
			await(this.client.ping(), "notification on '" + channel + "'");
		}

		/**
		 * Subscribes to the channel, and returns once the server has registered the subscription; the recorder
		 * keeps what arrives.
		 */
		public MessageRecorder subscribe(String channel) {
			MessageRecorder recorder = new MessageRecorder(channel, IpcTestClient.this.jsonMapper,
					IpcTestClient.this.timeout);
			recorder.subscribed(await(this.client.subscribeConfirmed(channel, recorder::record),
					"subscription to '" + channel + "'"));
			return recorder;
		}

	}

}
