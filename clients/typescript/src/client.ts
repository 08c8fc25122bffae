import { ChannelHistoryAccess, type HistoryPage, type PresenceAnswer } from './channel-history.js';
import { ClientErrorCode, IpcError } from './errors.js';
import { ClientEventEmitter, type ClientEvents } from './events.js';
import { writeEnvelope, type Link } from './link.js';
import { Message, MessageType, type Envelope } from './message.js';
import { Connection } from './connection.js';
import {
  resolveOptions,
  type ClientOptions,
  type ConnectionInfo,
  type IPCClientOptions,
  type RequestHandler,
  type RequestOptions,
  type ResolvedOptions,
  type Service,
} from './options.js';
import type { StreamPosition } from './positions.js';
import { answer, ServedChannels } from './serving.js';
import { Subscription } from './subscription.js';
import { SubscriptionTable } from './subscription-table.js';
import { isPong, pingPayload, SYSTEM } from './system.js';
import type { Platform } from './transport.js';

/**
 * The IPC Framework client. It speaks both APIs: the original Node.js client's (`new IPCClient(appId, options)`,
 * `sendRequest`, `subscribe(channel, handler)`, `onConnected`, ...) and a promise-based one (`connect({url})`,
 * `request`, async iterators, `serve`, `AbortSignal`).
 */
export class BaseClient {
  readonly appId: string;
  private readonly options: ResolvedOptions;
  private readonly events = new ClientEventEmitter();
  private readonly subscriptions = new SubscriptionTable();
  private readonly channelHistory: ChannelHistoryAccess;
  private readonly served: ServedChannels;
  private readonly connection: Connection;

  constructor(platform: Platform, appIdOrOptions: string | ClientOptions, maybeOptions: IPCClientOptions & ClientOptions = {}) {
    this.options = resolveOptions(platform, appIdOrOptions, maybeOptions);
    this.appId = this.options.appId;
    this.served = new ServedChannels({
      system: (payload) => this.request(SYSTEM, payload),
      connected: () => this.connected,
    });
    this.connection = new Connection(this.options, this.events, {
      ready: (link) => this.renew(link),
      received: (link, message) => this.dispatch(link, message),
      responded: (message) => this.acknowledged(message),
      gaveUp: () => this.subscriptions.endIterators(),
    });
    this.channelHistory = new ChannelHistoryAccess(this.appId, this.options.recover, {
      post: (envelope) => this.connection.post(envelope),
      send: (channel, type, payload) => this.connection.send(channel, type, payload),
      system: (payload, options) => this.request(SYSTEM, payload, options),
      connectionId: () => this.connectionId,
    });
  }

  // ---------------------------------------------------------------- state

  /** Whether the handshake is done and the connection open. */
  get connected(): boolean {
    return this.connection.status === 'connected';
  }

  /** The id of the current connection (a new one for each connection), or null before the first. */
  get connectionId(): string | null {
    return this.connection.link?.connectionId ?? null;
  }

  isConnected(): boolean {
    return this.connected;
  }

  getConnectionInfo(): ConnectionInfo {
    return {
      connectionId: this.connectionId,
      appId: this.appId,
      status: this.connection.status,
      connected: this.connected,
      url: this.options.url.href,
      transport: this.connection.link?.transport?.kind ?? null,
      subscribedChannels: this.subscriptions.channelNames(),
      servedChannels: this.served.channelNames(),
      pendingRequests: this.connection.pending.size,
      reconnectAttempt: this.connection.backoff.attempt,
    };
  }

  // ---------------------------------------------------------------- events

  on<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  off<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): void {
    this.events.off(event, listener);
  }

  /** The original's callback: called after every (re)connection. Returns a function that removes it. */
  onConnected(callback: () => void): () => void {
    return this.on('connected', () => callback());
  }

  onDisconnected(callback: () => void): () => void {
    return this.on('disconnected', () => callback());
  }

  onError(callback: (error: Error) => void): () => void {
    return this.on('error', callback);
  }

  // ---------------------------------------------------------------- connect and disconnect

  /**
   * Connects and completes the handshake. Resolves `true`; rejects with an {@link IpcError} when the server
   * cannot be reached or refuses the connection within `connectionTimeout` (no retry: reconnecting is for
   * connections that were up). Calling it while connected resolves at once.
   */
  async connect(): Promise<boolean> {
    await this.connection.connect();
    return true;
  }

  /**
   * Closes the connection and stops reconnecting. Requests waiting for an answer reject at once with
   * {@link ConnectionClosedError}; async iterators end. Subscriptions with a handler and served channels are kept
   * and renewed by the next `connect()`.
   */
  disconnect(): void {
    const wasConnected = this.connection.close();
    this.subscriptions.dropIterators();
    if (wasConnected) {
      this.events.fire('disconnected', { willReconnect: false });
    }
  }

  /** `disconnect()` as a promise, for `await using` style code. */
  async close(): Promise<void> {
    this.disconnect();
  }

  /** After every handshake: subscribes (from the last position seen) and serves again on the new connection. */
  private renew(link: Link): void {
    this.channelHistory.resubscribeAll(this.subscriptions.channelNames(), link.connectionId);
    this.served.renewAll((error) => this.events.reportError(error));
  }

  /** A message for the application: the `message` event, then the served channel's handler or the subscriptions. */
  private dispatch(link: Link, message: Message): void {
    if (this.subscriptions.has(message.channel_id) && this.channelHistory.seenBefore(message)) {
      return;
    }
    this.events.fire('message', message);
    const handler = message.message_type === MessageType.REQUEST ? this.served.handlerFor(message.channel_id) : undefined;
    if (handler) {
      answer(message, handler, (response) => {
        if (this.connection.link === link && link.ready) {
          writeEnvelope(link, response.toJSON());
        }
      });
      return;
    }
    this.subscriptions.deliver(message, (error) => this.events.reportError(error));
  }

  /** A response: when it acknowledges a subscribe that named a position, the outcome is the `recovery` event. */
  private acknowledged(message: Message): void {
    const recovery = this.channelHistory.acknowledged(message);
    if (recovery) {
      this.events.fire('recovery', recovery);
    }
  }

  // ---------------------------------------------------------------- the original API

  /**
   * Sends a request and resolves with the response message (`response.payload` is the answer). Rejects with
   * `Error('Request timeout')` (a {@link RequestTimeoutError}) after `timeout` ms, with an {@link IpcError} carrying
   * the server's `code` for an error response, and with {@link ConnectionClosedError} when the connection closes
   * first. The third argument may also be {@link RequestOptions} (`{timeout, signal}`).
   */
  sendRequest<Res = any, Req = unknown>(
    channelId: string,
    payload: Req,
    timeout?: number | RequestOptions,
  ): Promise<Message<Res>> {
    const options = typeof timeout === 'number' ? { timeout } : timeout ?? {};
    return this.connection.exchange(channelId, payload, options) as Promise<Message<Res>>;
  }

  /** Sends a message as it is (e.g. `request.createResponse(...)`); false when not connected. */
  sendMessage(message: Message | Envelope): boolean {
    const envelope = message instanceof Message ? message.toJSON() : message;
    return this.connection.post({ ...envelope, app_id: envelope.app_id || this.appId });
  }

  /**
   * Subscribes to a channel. With a handler (the original's form) each message is passed to it; without one,
   * iterate the returned subscription (`for await (const m of client.subscribe('ch'))`). Subscriptions are renewed
   * after every reconnect. Subscribing before `connect()` is allowed: it is sent once connected.
   */
  subscribe<T = any>(channelId: string, handler?: (message: Message<T>) => void): Subscription<T> {
    const subscription = new Subscription<T>(channelId, handler, this.options.subscriptionBufferSize, (s) => {
      if (this.subscriptions.release(s)) {
        this.channelHistory.unsubscribe(s.channel);
      }
    });
    if (this.subscriptions.add(subscription).first) {
      this.channelHistory.firstSubscribe(channelId);
    }
    return subscription;
  }

  /** Ends every subscription to the channel and unsubscribes on the server; false when there was none. */
  unsubscribe(channelId: string): boolean {
    if (!this.subscriptions.removeChannel(channelId)) {
      return false;
    }
    this.channelHistory.unsubscribe(channelId);
    return true;
  }

  /** Publishes to the channel's subscribers; false when not connected (nothing is queued). */
  publish<T = unknown>(channelId: string, data: T): boolean {
    return this.connection.send(channelId, MessageType.PUBLISH, data);
  }

  /**
   * Bytes published, notified or requested and not yet handed to the operating system; 0 when not connected. They
   * grow while the server does not read this connection, which it does when what this client publishes fills a
   * subscriber's buffer faster than that subscriber reads (backpressure).
   */
  get bufferedAmount(): number {
    return this.connection.bufferedAmount();
  }

  /**
   * Resolves once no more than `maxBuffered` bytes (default 64 KiB) wait to go out, at once when that is already so,
   * or when the connection closes. A publisher that awaits it between messages runs at the pace the server reads
   * it, that of its slowest reading subscriber, instead of queuing without bound in its own memory. Never rejects.
   */
  whenWritable(maxBuffered = 64 * 1024): Promise<void> {
    return this.connection.whenWritable(maxBuffered);
  }

  /** Sends a one-way notification; false when not connected. */
  notify<T = unknown>(channelId: string, data: T): boolean {
    return this.connection.send(channelId, MessageType.NOTIFICATION, data);
  }

  /** A `system` ping: true when the server answers `pong` within `timeout` ms (default 5000). Never rejects. */
  async healthCheck(timeout = 5000): Promise<boolean> {
    try {
      const response = await this.connection.exchange(SYSTEM, pingPayload(), { timeout });
      return isPong(response.payload);
    } catch {
      return false;
    }
  }

  /** The earlier TypeScript client's name for {@link healthCheck}. */
  ping(timeout = 5000): Promise<boolean> {
    return this.healthCheck(timeout);
  }

  // ---------------------------------------------------------------- the modern API

  /**
   * Sends a request and resolves with the response's payload. Rejects like {@link sendRequest}; with
   * `signal`, rejects with the signal's reason once it aborts.
   */
  async request<Res = unknown, Req = unknown>(channelId: string, payload: Req, options: RequestOptions = {}): Promise<Res> {
    const response = await this.connection.exchange(channelId, payload, options);
    return response.payload as Res;
  }

  /**
   * Answers the channel's requests with `handler` (through the server's `serve` action): the value it returns
   * is the response payload; an error it throws is sent as `{"error": {"code", "message"}}` (an IpcError's code,
   * else `HANDLER_ERROR`). Renewed after every reconnect.
   */
  async serve<Req = any, Res = unknown>(
    channelId: string,
    handler: RequestHandler<Req, Res>,
    options: { group?: string } = {},
  ): Promise<Service> {
    return this.served.serve(channelId, handler, options.group);
  }

  /**
   * The last position this client saw on a subscribed channel (from a message or the server's acknowledgement of
   * the subscribe), which it names to recover from after a reconnect; undefined when it has seen none.
   */
  position(channelId: string): StreamPosition | undefined {
    return this.channelHistory.position(channelId);
  }

  /**
   * Reads the messages the server keeps of a channel (the `history` action): resolves with
   * `{messages, offset, epoch}`, the kept messages after `since` (from the oldest kept without it), at most `limit`
   * of them, each the whole envelope with its `offset` and `epoch`, and the channel's latest position.
   */
  history<T = unknown>(
    channelId: string,
    options: { since?: StreamPosition; limit?: number } & RequestOptions = {},
  ): Promise<HistoryPage<T>> {
    return this.channelHistory.history(channelId, options);
  }

  /** Who is subscribed to a channel now (the `presence` action): `{count, subscribers: [{connection_id, principal?, info?}]}`. */
  presence(
    channelId: string,
    options: RequestOptions = {},
  ): Promise<PresenceAnswer> {
    return this.channelHistory.presence(channelId, options);
  }

  /** Resolves once connected (at once if connected), or rejects after `timeout` ms. */
  async waitConnected(timeout = this.options.connectionTimeout): Promise<void> {
    if (this.connected) {
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new IpcError(ClientErrorCode.CONNECTION_TIMEOUT, 'Not connected in time'));
      }, timeout);
      const off = this.on('connected', () => {
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }
}
