import { Emitter } from './emitter.js';
import {
  ClientErrorCode,
  ConnectionClosedError,
  errorFromPayload,
  IpcError,
  RequestTimeoutError,
} from './errors.js';
import { Message, MessageType, type Envelope } from './message.js';
import { Subscription } from './subscription.js';
import type { ClientEvents } from './events.js';
import {
  resolveOptions,
  type ClientOptions,
  type ConnectionInfo,
  type ConnectionStatus,
  type IPCClientOptions,
  type RequestHandler,
  type RequestOptions,
  type ResolvedOptions,
  type Service,
} from './options.js';
import type { Platform, Transport, TransportFactory } from './transport.js';
import { uuid4 } from './uuid.js';

const SYSTEM = 'system';

interface Pending {
  resolve(message: Message): void;
  reject(error: Error): void;
  cleanup(): void;
}

interface Link {
  transport: Transport | null;
  connectionId: string;
  handshakeId: string;
  ready: boolean;
  /** Called while the handshake is under way. */
  handshake?: { resolve(): void; reject(error: Error): void };
}

interface ServeEntry {
  handler: RequestHandler<any, any>;
  group?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The IPC Framework client. It speaks both APIs: the original Node.js client's (`new IPCClient(appId, options)`,
 * `sendRequest`, `subscribe(channel, handler)`, `onConnected`, ...) and a promise-based one (`connect({url})`,
 * `request`, async iterators, `serve`, `AbortSignal`).
 */
export class BaseClient {
  readonly appId: string;
  private readonly options: ResolvedOptions;
  private readonly url: URL;
  private readonly createTransport: TransportFactory;
  private readonly events = new Emitter<ClientEvents>();
  private readonly pending = new Map<string, Pending>();
  private readonly subscriptions = new Map<string, Set<Subscription<any>>>();
  private readonly served = new Map<string, ServeEntry>();

  private link: Link | null = null;
  private status: ConnectionStatus = 'disconnected';
  private connecting: Promise<void> | null = null;
  private closedByUser = false;
  private everConnected = false;
  private reconnectAttempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private heartbeatInFlight = false;
  private drainDelay: number | null = null;

  constructor(platform: Platform, appIdOrOptions: string | ClientOptions, maybeOptions: IPCClientOptions & ClientOptions = {}) {
    this.options = resolveOptions(platform, appIdOrOptions, maybeOptions);
    this.appId = this.options.appId;
    this.url = this.options.url;
    this.createTransport = this.options.createTransport;
  }

  // ---------------------------------------------------------------- state

  /** Whether the handshake is done and the connection open. */
  get connected(): boolean {
    return this.status === 'connected';
  }

  /** The id of the current connection (a new one for each connection), or null before the first. */
  get connectionId(): string | null {
    return this.link?.connectionId ?? null;
  }

  isConnected(): boolean {
    return this.connected;
  }

  getConnectionInfo(): ConnectionInfo {
    return {
      connectionId: this.connectionId,
      appId: this.appId,
      status: this.status,
      connected: this.connected,
      url: this.url.href,
      transport: this.link?.transport?.kind ?? null,
      subscribedChannels: [...this.subscriptions.keys()],
      servedChannels: [...this.served.keys()],
      pendingRequests: this.pending.size,
      reconnectAttempt: this.reconnectAttempt,
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

  private emit<K extends keyof ClientEvents>(event: K, ...args: Parameters<ClientEvents[K]>): void {
    this.events.emit(event, args, (error) => {
      if (event !== 'error') {
        this.reportError(error);
      }
    });
  }

  private reportError(error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    if (this.events.listenerCount('error') > 0) {
      this.emit('error', err);
    }
  }

  // ---------------------------------------------------------------- connect and disconnect

  /**
   * Connects and completes the handshake. Resolves `true`; rejects with an {@link IpcError} when the server
   * cannot be reached or refuses the connection within `connectionTimeout` (no retry: reconnecting is for
   * connections that were up). Calling it while connected resolves at once.
   */
  async connect(): Promise<boolean> {
    if (this.status === 'connected') {
      return true;
    }
    if (this.connecting) {
      await this.connecting;
      return true;
    }
    this.closedByUser = false;
    this.cancelReconnect();
    this.status = 'connecting';
    this.connecting = this.openLink();
    try {
      await this.connecting;
      return true;
    } catch (error) {
      if (this.status === 'connecting') {
        this.status = 'disconnected';
      }
      this.reportError(error);
      throw error;
    } finally {
      this.connecting = null;
    }
  }

  /**
   * Closes the connection and stops reconnecting. Requests waiting for an answer reject at once with
   * {@link ConnectionClosedError}; async iterators end. Subscriptions with a handler and served channels are kept
   * and renewed by the next `connect()`.
   */
  disconnect(): void {
    this.closedByUser = true;
    this.cancelReconnect();
    this.stopHeartbeat();
    const link = this.link;
    const wasConnected = this.status === 'connected';
    this.status = 'closed';
    if (link) {
      link.ready = false;
      link.handshake?.reject(new ConnectionClosedError('Client disconnected'));
      link.handshake = undefined;
      link.transport?.close();
      link.transport = null;
    }
    this.failPending(new ConnectionClosedError('Client disconnected'));
    for (const [channel, set] of this.subscriptions) {
      for (const subscription of set) {
        if (!subscription.handler) {
          subscription.end();
          set.delete(subscription);
        }
      }
      if (set.size === 0) {
        this.subscriptions.delete(channel);
      }
    }
    if (wasConnected) {
      this.emit('disconnected', { willReconnect: false });
    }
  }

  /** `disconnect()` as a promise, for `await using` style code. */
  async close(): Promise<void> {
    this.disconnect();
  }

  private openLink(): Promise<void> {
    const link: Link = { transport: null, connectionId: uuid4(), handshakeId: uuid4(), ready: false };
    this.link = link;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        fail(new IpcError(ClientErrorCode.CONNECTION_TIMEOUT, `Connection timeout (${this.options.connectionTimeout} ms)`));
      }, this.options.connectionTimeout);
      const fail = (error: Error) => {
        if (done) {
          return;
        }
        done = true;
        clearTimeout(timer);
        link.handshake = undefined;
        const transport = link.transport;
        link.transport = null;
        transport?.destroy();
        reject(error);
      };
      link.handshake = {
        resolve: () => {
          if (done) {
            return;
          }
          done = true;
          clearTimeout(timer);
          link.handshake = undefined;
          link.ready = true;
          this.onLinkReady(link);
          resolve();
        },
        reject: fail,
      };
      this.createTransport(
        this.url,
        {
          onMessage: (text) => this.onFrame(link, text),
          onClose: (error) => this.onLinkClosed(link, error),
        },
        { tls: this.options.tls, maxFrameSize: this.options.maxFrameSize },
      ).then(
        (transport) => {
          if (done || this.link !== link) {
            transport.destroy();
            return;
          }
          link.transport = transport;
          const payload: Record<string, unknown> = { action: 'connect', connection_id: link.connectionId };
          if (this.options.token !== undefined) {
            payload.token = this.options.token;
          }
          this.write(link, {
            message_id: link.handshakeId,
            app_id: this.appId,
            channel_id: SYSTEM,
            message_type: MessageType.REQUEST,
            payload,
            timestamp: Date.now() / 1000,
            reply_to: null,
          });
        },
        (error: unknown) => fail(error instanceof IpcError ? error : this.unreachable(error)),
      );
    });
  }

  private unreachable(error: unknown): IpcError {
    const reason = error instanceof Error ? error.message : String(error);
    return new ConnectionClosedError(`Cannot connect to ${this.url.href}: ${reason}`);
  }

  private onLinkReady(link: Link): void {
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.reconnectAttempt = 0;
    this.drainDelay = null;
    this.status = 'connected';
    for (const channel of this.subscriptions.keys()) {
      this.sendEnvelope(channel, MessageType.SUBSCRIBE, { connection_id: link.connectionId });
    }
    for (const [channel, entry] of this.served) {
      this.serveRequest(channel, entry.group).catch((error) => this.reportError(error));
    }
    this.startHeartbeat();
    this.emit('connected', { connectionId: link.connectionId, reconnected });
  }

  private onLinkClosed(link: Link, error?: Error): void {
    if (link.handshake) {
      link.handshake.reject(
        new ConnectionClosedError(`Connection closed during the handshake${error ? `: ${error.message}` : ''}`),
      );
      return;
    }
    if (this.link !== link || !link.ready) {
      return;
    }
    link.ready = false;
    link.transport = null;
    this.stopHeartbeat();
    this.failPending(new ConnectionClosedError(error ? `Connection lost: ${error.message}` : 'Connection closed'));
    const willReconnect = !this.closedByUser && this.options.reconnect && this.options.reconnectAttempts > 0;
    this.status = willReconnect ? 'reconnecting' : 'disconnected';
    this.emit('disconnected', { error, willReconnect });
    if (willReconnect) {
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.closedByUser) {
      return;
    }
    if (this.reconnectAttempt >= this.options.reconnectAttempts) {
      this.status = 'disconnected';
      this.endIterators();
      this.reportError(
        new IpcError(ClientErrorCode.RECONNECT_FAILED, `Gave up reconnecting after ${this.reconnectAttempt} attempts`),
      );
      return;
    }
    this.reconnectAttempt++;
    let wait: number;
    if (this.drainDelay !== null) {
      wait = this.drainDelay;
      this.drainDelay = null;
    } else {
      const base = Math.min(
        this.options.maxReconnectDelay,
        this.options.reconnectDelay * 2 ** Math.min(this.reconnectAttempt - 1, 30),
      );
      wait = Math.round(base / 2 + Math.random() * (base / 2));
    }
    this.status = 'reconnecting';
    this.emit('reconnecting', { attempt: this.reconnectAttempt, delay: wait });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closedByUser) {
        return;
      }
      this.connecting = this.openLink();
      this.connecting.then(
        () => {
          this.connecting = null;
        },
        (error: unknown) => {
          this.connecting = null;
          if (this.closedByUser) {
            return;
          }
          if (error instanceof IpcError && error.code === 'SHUTTING_DOWN' && this.drainDelay === null) {
            this.drainDelay = this.options.reconnectDelay;
          }
          this.scheduleReconnect();
        },
      );
    }, wait);
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  private endIterators(): void {
    for (const set of this.subscriptions.values()) {
      for (const subscription of set) {
        if (!subscription.handler) {
          subscription.end();
        }
      }
    }
  }

  private failPending(error: Error): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      entry.cleanup();
      entry.reject(error);
    }
  }

  // ---------------------------------------------------------------- heartbeat

  private startHeartbeat(): void {
    this.stopHeartbeat();
    if (this.options.heartbeatInterval <= 0) {
      return;
    }
    this.heartbeatTimer = setInterval(() => this.beat(), this.options.heartbeatInterval);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = null;
    }
    this.heartbeatInFlight = false;
  }

  private beat(): void {
    const link = this.link;
    if (!link || !link.ready || this.heartbeatInFlight) {
      return;
    }
    this.heartbeatInFlight = true;
    this.exchange(SYSTEM, { action: 'ping' }, { timeout: this.options.heartbeatTimeout }).then(
      () => {
        this.heartbeatInFlight = false;
      },
      (error: unknown) => {
        this.heartbeatInFlight = false;
        if (error instanceof RequestTimeoutError && this.link === link && link.ready) {
          this.reportError(
            new IpcError(
              ClientErrorCode.HEARTBEAT_TIMEOUT,
              `No answer to a heartbeat within ${this.options.heartbeatTimeout} ms; dropping the connection`,
            ),
          );
          link.transport?.destroy();
        }
      },
    );
  }

  // ---------------------------------------------------------------- receiving

  private onFrame(link: Link, text: string): void {
    if (this.link !== link) {
      return;
    }
    let message: Message;
    try {
      const data: unknown = JSON.parse(text);
      if (!isObject(data) || typeof data.message_type !== 'string') {
        throw new Error('not an envelope');
      }
      message = new Message(data as unknown as Envelope);
    } catch (error) {
      this.reportError(new IpcError(ClientErrorCode.PROTOCOL_ERROR, `Unreadable frame: ${(error as Error).message}`));
      return;
    }
    if (link.handshake) {
      this.onHandshakeFrame(link, message);
      return;
    }
    if (message.message_type === MessageType.RESPONSE) {
      this.onResponse(message);
      return;
    }
    if (message.channel_id === SYSTEM) {
      this.onSystem(link, message);
      return;
    }
    this.emit('message', message);
    if (message.message_type === MessageType.REQUEST && this.served.has(message.channel_id)) {
      this.answer(link, message, this.served.get(message.channel_id)!.handler);
      return;
    }
    const set = this.subscriptions.get(message.channel_id);
    if (set) {
      for (const subscription of [...set]) {
        try {
          subscription.deliver(message);
        } catch (error) {
          this.reportError(error);
        }
      }
    }
  }

  private onHandshakeFrame(link: Link, message: Message): void {
    if (message.channel_id !== SYSTEM) {
      return;
    }
    const error = errorFromPayload(message.payload);
    if (error) {
      link.handshake?.reject(error);
      return;
    }
    const payload = message.payload;
    if (
      message.message_type === MessageType.RESPONSE &&
      isObject(payload) &&
      payload.status === 'connected' &&
      (message.reply_to === null || message.reply_to === link.handshakeId)
    ) {
      if (typeof payload.connection_id === 'string' && payload.connection_id) {
        link.connectionId = payload.connection_id;
      }
      link.handshake?.resolve();
    }
  }

  private onResponse(message: Message): void {
    const id = message.reply_to;
    const entry = id ? this.pending.get(id) : undefined;
    if (!entry || !id) {
      return;
    }
    this.pending.delete(id);
    entry.cleanup();
    const error = errorFromPayload(message.payload);
    if (error) {
      entry.reject(error);
    } else {
      entry.resolve(message);
    }
  }

  private onSystem(link: Link, message: Message): void {
    const payload = isObject(message.payload) ? message.payload : {};
    if (message.message_type === MessageType.REQUEST) {
      if (payload.action === 'ping') {
        this.write(link, message.createResponse({ status: 'pong', client_time: Date.now() / 1000 }).toJSON());
      }
      return;
    }
    if (payload.action === 'drain') {
      const after = Number(payload.reconnect_after_ms);
      this.drainDelay = Number.isFinite(after) && after >= 0 ? after : this.options.reconnectDelay;
      this.emit('drain', { reconnectAfterMs: this.drainDelay });
      return;
    }
    const error = errorFromPayload(payload);
    if (error) {
      this.reportError(error);
      return;
    }
    this.emit('message', message);
  }

  private answer(link: Link, request: Message, handler: RequestHandler<any, any>): void {
    let result: unknown;
    try {
      result = handler(request.payload, request);
    } catch (error) {
      result = Promise.reject(error);
    }
    Promise.resolve(result).then(
      (value) => {
        if (this.link === link && link.ready) {
          this.write(link, request.createResponse(value === undefined ? null : value).toJSON());
        }
      },
      (error: unknown) => {
        if (this.link === link && link.ready) {
          const code = error instanceof IpcError ? error.code : 'HANDLER_ERROR';
          const text = error instanceof Error ? error.message : String(error);
          this.write(link, request.createResponse({ error: { code, message: text } }).toJSON());
        }
      },
    );
  }

  // ---------------------------------------------------------------- sending

  private write(link: Link, envelope: Envelope | (Envelope & { timeout_ms: number })): void {
    if (!link.transport) {
      throw new ConnectionClosedError('Not connected');
    }
    link.transport.send(JSON.stringify(envelope));
  }

  private sendEnvelope(channel: string, type: MessageType, payload: unknown): boolean {
    const link = this.link;
    if (!link || !link.ready || !link.transport) {
      return false;
    }
    this.write(link, new Message({ app_id: this.appId, channel_id: channel, message_type: type, payload }).toJSON());
    return true;
  }

  /** Sends a request and waits for the response message. */
  private exchange(channel: string, payload: unknown, options: RequestOptions): Promise<Message> {
    const link = this.link;
    if (!link || !link.ready || !link.transport) {
      return Promise.reject(new ConnectionClosedError('Not connected'));
    }
    const signal = options.signal;
    if (signal?.aborted) {
      return Promise.reject(signal.reason ?? new Error('Aborted'));
    }
    const timeout = options.timeout ?? this.options.requestTimeout;
    const envelope = new Message({ app_id: this.appId, channel_id: channel, message_type: MessageType.REQUEST, payload });
    const id = envelope.message_id;
    return new Promise<Message>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        if (this.pending.delete(id)) {
          cleanup();
          reject(signal?.reason ?? new Error('Aborted'));
        }
      };
      const cleanup = () => {
        if (timer) {
          clearTimeout(timer);
        }
        signal?.removeEventListener('abort', onAbort);
      };
      this.pending.set(id, { resolve, reject, cleanup });
      if (timeout > 0 && Number.isFinite(timeout)) {
        timer = setTimeout(() => {
          if (this.pending.delete(id)) {
            cleanup();
            reject(new RequestTimeoutError());
          }
        }, timeout);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      const wire: Envelope & { timeout_ms?: number } = envelope.toJSON();
      if (timeout > 0 && Number.isFinite(timeout)) {
        wire.timeout_ms = Math.ceil(timeout);
      }
      try {
        this.write(link, wire as Envelope);
      } catch (error) {
        this.pending.delete(id);
        cleanup();
        reject(error);
      }
    });
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
    return this.exchange(channelId, payload, options) as Promise<Message<Res>>;
  }

  /** Sends a message as it is (e.g. `request.createResponse(...)`); false when not connected. */
  sendMessage(message: Message | Envelope): boolean {
    const link = this.link;
    if (!link || !link.ready || !link.transport) {
      return false;
    }
    const envelope = message instanceof Message ? message.toJSON() : message;
    this.write(link, { ...envelope, app_id: envelope.app_id || this.appId });
    return true;
  }

  /**
   * Subscribes to a channel. With a handler (the original's form) each message is passed to it; without one,
   * iterate the returned subscription (`for await (const m of client.subscribe('ch'))`). Subscriptions are renewed
   * after every reconnect. Subscribing before `connect()` is allowed: it is sent once connected.
   */
  subscribe<T = any>(channelId: string, handler?: (message: Message<T>) => void): Subscription<T> {
    const subscription = new Subscription<T>(channelId, handler, this.options.subscriptionBufferSize, (s) =>
      this.release(s),
    );
    let set = this.subscriptions.get(channelId);
    if (!set) {
      set = new Set();
      this.subscriptions.set(channelId, set);
      this.sendEnvelope(channelId, MessageType.SUBSCRIBE, { connection_id: this.connectionId });
    }
    set.add(subscription);
    return subscription;
  }

  private release(subscription: Subscription<any>): void {
    const set = this.subscriptions.get(subscription.channel);
    if (!set || !set.delete(subscription) || set.size > 0) {
      return;
    }
    this.subscriptions.delete(subscription.channel);
    this.sendEnvelope(subscription.channel, MessageType.UNSUBSCRIBE, { connection_id: this.connectionId });
  }

  /** Ends every subscription to the channel and unsubscribes on the server; false when there was none. */
  unsubscribe(channelId: string): boolean {
    const set = this.subscriptions.get(channelId);
    if (!set) {
      return false;
    }
    this.subscriptions.delete(channelId);
    for (const subscription of set) {
      subscription.end();
    }
    this.sendEnvelope(channelId, MessageType.UNSUBSCRIBE, { connection_id: this.connectionId });
    return true;
  }

  /** Publishes to the channel's subscribers; false when not connected (nothing is queued). */
  publish<T = unknown>(channelId: string, data: T): boolean {
    return this.sendEnvelope(channelId, MessageType.PUBLISH, data);
  }

  /** Sends a one-way notification; false when not connected. */
  notify<T = unknown>(channelId: string, data: T): boolean {
    return this.sendEnvelope(channelId, MessageType.NOTIFICATION, data);
  }

  /** A `system` ping: true when the server answers `pong` within `timeout` ms (default 5000). Never rejects. */
  async healthCheck(timeout = 5000): Promise<boolean> {
    try {
      const response = await this.exchange(SYSTEM, { action: 'ping' }, { timeout });
      return isObject(response.payload) && response.payload.status === 'pong';
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
    const response = await this.exchange(channelId, payload, options);
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
    this.served.set(channelId, { handler, group: options.group });
    if (this.connected) {
      try {
        await this.serveRequest(channelId, options.group);
      } catch (error) {
        this.served.delete(channelId);
        throw error;
      }
    }
    return {
      channel: channelId,
      stop: async () => {
        if (this.served.get(channelId)?.handler !== handler) {
          return;
        }
        this.served.delete(channelId);
        if (this.connected) {
          await this.request(SYSTEM, { action: 'unserve', channel_id: channelId });
        }
      },
    };
  }

  private serveRequest(channelId: string, group?: string): Promise<unknown> {
    const payload: Record<string, unknown> = { action: 'serve', channel_id: channelId };
    if (group !== undefined) {
      payload.group = group;
    }
    return this.request(SYSTEM, payload);
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
