package dev.ipcframework.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an {@link IpcClient} connects and behaves; made with {@link #builder()}. Immutable.
 * <p>
 * Defaults: request timeout 10 s, connect timeout 10 s, reconnect forever ({@code maxReconnectAttempts = -1})
 * starting at 100 ms and doubling up to 10 s, plus up to 500 ms of random jitter; a ping every 30 s; a fresh
 * UUID as connection id; 4 threads for served requests; frames up to 16 MiB; over TLS ({@code tcps://},
 * {@code wss://}) the JVM's default trust store; recovery of missed messages after a reconnect on.
 */
public final class Options {

	private final URI url;

	private final String appId;

	private final String connectionId;

	private final Supplier<@Nullable String> token;

	private final Duration requestTimeout;

	private final Duration connectTimeout;

	private final int maxReconnectAttempts;

	private final Duration reconnectInitialDelay;

	private final Duration reconnectMaxDelay;

	private final Duration reconnectJitter;

	private final Duration pingInterval;

	private final boolean retryInitialConnect;

	private final boolean recovery;

	private final int serveThreads;

	private final int maxFrameSize;

	private final JsonMapper jsonMapper;

	private final ConnectionListener connectionListener;

	private final @Nullable SSLContext sslContext;

	private Options(Builder builder) {
		this.url = OptionsValidation.url(builder.url);
		this.appId = OptionsValidation.requireText(builder.appId, "appId");
		this.connectionId = (builder.connectionId != null && !builder.connectionId.isEmpty()) ? builder.connectionId
				: java.util.UUID.randomUUID().toString();
		this.token = builder.token;
		this.requestTimeout = OptionsValidation.positive(builder.requestTimeout, "requestTimeout");
		this.connectTimeout = OptionsValidation.positive(builder.connectTimeout, "connectTimeout");
		this.maxReconnectAttempts = builder.maxReconnectAttempts;
		this.reconnectInitialDelay = OptionsValidation.positive(builder.reconnectInitialDelay, "reconnectInitialDelay");
		this.reconnectMaxDelay = OptionsValidation.positive(builder.reconnectMaxDelay, "reconnectMaxDelay");
		this.reconnectJitter = OptionsValidation.notNegative(builder.reconnectJitter, "reconnectJitter");
		this.pingInterval = OptionsValidation.notNegative(builder.pingInterval, "pingInterval");
		this.retryInitialConnect = builder.retryInitialConnect;
		this.recovery = builder.recovery;
		this.serveThreads = OptionsValidation.positive(builder.serveThreads, "serveThreads");
		this.maxFrameSize = OptionsValidation.positive(builder.maxFrameSize, "maxFrameSize");
		this.jsonMapper = builder.jsonMapper;
		this.connectionListener = builder.connectionListener;
		this.sslContext = (builder.sslContext != null) ? builder.sslContext
				: (builder.trustCertificates != null) ? TrustedCertificates.sslContext(builder.trustCertificates) : null;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** {@code tcp://host:port}, {@code tcps://host:port}, {@code ws://host:port/ipc} or {@code wss://host:port/ipc}. */
	public URI url() {
		return this.url;
	}

	public String appId() {
		return this.appId;
	}

	/** The connection id sent in every handshake, the same across reconnects. */
	public String connectionId() {
		return this.connectionId;
	}

	/** The token to send with the next connect request, or {@code null} for none. */
	public @Nullable String token() {
		String token = this.token.get();
		return (token != null && !token.isEmpty()) ? token : null;
	}

	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/** -1: without limit; 0: never reconnect. */
	public int maxReconnectAttempts() {
		return this.maxReconnectAttempts;
	}

	public Duration reconnectInitialDelay() {
		return this.reconnectInitialDelay;
	}

	public Duration reconnectMaxDelay() {
		return this.reconnectMaxDelay;
	}

	public Duration reconnectJitter() {
		return this.reconnectJitter;
	}

	/** Zero turns the heartbeat off. */
	public Duration pingInterval() {
		return this.pingInterval;
	}

	public boolean retryInitialConnect() {
		return this.retryInitialConnect;
	}

	/**
	 * Whether the client asks the server for positions ({@code "capabilities": ["offsets"]}) and, after a
	 * reconnect, recovers what was published on its channels while it was away (see
	 * {@link Builder#recovery(boolean)}).
	 */
	public boolean recovery() {
		return this.recovery;
	}

	public int serveThreads() {
		return this.serveThreads;
	}

	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	public ConnectionListener connectionListener() {
		return this.connectionListener;
	}

	/**
	 * The TLS context of {@code tcps://} and {@code wss://} connections: the one given, or one that trusts the
	 * certificates of {@link Builder#trustCertificates(Path)}; {@code null} means the JVM's default.
	 */
	public @Nullable SSLContext sslContext() {
		return this.sslContext;
	}

	/**
	 * Builds {@link Options}; only {@link #url} and {@link #appId} are required.
	 */
	public static final class Builder {

		private @Nullable URI url;

		private @Nullable String appId;

		private @Nullable String connectionId;

		private Supplier<@Nullable String> token = () -> null;

		private Duration requestTimeout = Duration.ofSeconds(10);

		private Duration connectTimeout = Duration.ofSeconds(10);

		private int maxReconnectAttempts = -1;

		private Duration reconnectInitialDelay = Duration.ofMillis(100);

		private Duration reconnectMaxDelay = Duration.ofSeconds(10);

		private Duration reconnectJitter = Duration.ofMillis(500);

		private Duration pingInterval = Duration.ofSeconds(30);

		private boolean retryInitialConnect;

		private boolean recovery = true;

		private int serveThreads = 4;

		private int maxFrameSize = 16 * 1024 * 1024;

		private JsonMapper jsonMapper = JsonMapper.builder().build();

		private ConnectionListener connectionListener = new ConnectionListener() {
		};

		private @Nullable SSLContext sslContext;

		private @Nullable Path trustCertificates;

		private Builder() {
		}

		/**
		 * {@code tcp://host:port} or {@code ws://host:port/ipc}; over TLS {@code tcps://host:port} or
		 * {@code wss://host:port/ipc}.
		 */
		public Builder url(String url) {
			return url(URI.create(url));
		}

		public Builder url(URI url) {
			this.url = url;
			return this;
		}

		public Builder appId(String appId) {
			this.appId = appId;
			return this;
		}

		/** The id to register under; by default a random UUID, kept across reconnects. */
		public Builder connectionId(@Nullable String connectionId) {
			this.connectionId = connectionId;
			return this;
		}

		/**
		 * A token (a JWT, or a static token of the app) sent in every connect request, for a server that requires
		 * authentication.
		 */
		public Builder token(@Nullable String token) {
			this.token = () -> token;
			return this;
		}

		/**
		 * Where to get the token each time the client connects or reconnects, for tokens that are renewed while the
		 * client runs.
		 */
		public Builder tokenSupplier(Supplier<@Nullable String> token) {
			this.token = Objects.requireNonNull(token);
			return this;
		}

		/** The timeout of requests that do not name their own. */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
			return this;
		}

		/** How long opening the socket and the handshake may take, each. */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/** Reconnect attempts after a connection drops before the client gives up; -1 without limit, 0 never. */
		public Builder maxReconnectAttempts(int maxReconnectAttempts) {
			this.maxReconnectAttempts = maxReconnectAttempts;
			return this;
		}

		/** The wait before the first reconnect attempt; it doubles with every failed attempt. */
		public Builder reconnectInitialDelay(Duration reconnectInitialDelay) {
			this.reconnectInitialDelay = reconnectInitialDelay;
			return this;
		}

		/** The longest wait between two reconnect attempts, before jitter. */
		public Builder reconnectMaxDelay(Duration reconnectMaxDelay) {
			this.reconnectMaxDelay = reconnectMaxDelay;
			return this;
		}

		/** The most random time added to each wait, so that many clients don't return at once. */
		public Builder reconnectJitter(Duration reconnectJitter) {
			this.reconnectJitter = reconnectJitter;
			return this;
		}

		/** How often to ping the server; a ping unanswered within this interval drops the connection. */
		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
			return this;
		}

		/** Whether {@code connect} returns at once and keeps trying in the background when the first try fails. */
		public Builder retryInitialConnect(boolean retryInitialConnect) {
			this.retryInitialConnect = retryInitialConnect;
			return this;
		}

		/**
		 * Whether to recover missed messages after a reconnect (default {@code true}). The client then asks for
		 * {@code offsets} when it connects, remembers the last position it saw on each subscribed channel, and
		 * names it ({@code since}) when it subscribes again after a reconnect: on a server that keeps the channel's
		 * history, the messages published meanwhile arrive first, once each and in order, then the live ones. The
		 * outcome goes to {@link ConnectionListener#recovery}. Turned off, the client connects as the original
		 * clients do and a reconnect loses what was published meanwhile.
		 */
		public Builder recovery(boolean recovery) {
			this.recovery = recovery;
			return this;
		}

		/** Threads that run {@link RequestHandler}s of served channels. */
		public Builder serveThreads(int serveThreads) {
			this.serveThreads = serveThreads;
			return this;
		}

		/** The longest frame the client reads; a longer one drops the connection. */
		public Builder maxFrameSize(int maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
			return this;
		}

		/** The mapper that converts payloads to and from Java types. */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = Objects.requireNonNull(jsonMapper);
			return this;
		}

		public Builder connectionListener(ConnectionListener connectionListener) {
			this.connectionListener = Objects.requireNonNull(connectionListener);
			return this;
		}

		/**
		 * Trusts the certificates in this PEM file for {@code tcps://} and {@code wss://} connections, instead of
		 * the JVM's default trust store: the CA that signed the server's certificate, or the server's self-signed
		 * certificate itself. The server's host name is checked against its certificate all the same.
		 */
		public Builder trustCertificates(@Nullable Path pemFile) {
			this.trustCertificates = pemFile;
			return this;
		}

		/**
		 * The TLS context of {@code tcps://} and {@code wss://} connections, for a trust store of one's own or a
		 * client certificate (a server with {@code ipc.tcp.ssl.client-auth=need}); wins over
		 * {@link #trustCertificates(Path)}.
		 */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		public Options build() {
			return new Options(this);
		}

	}

}
