import type { Message } from './message.js';
import type { Platform, TransportFactory } from './transport.js';

/** Options of the original client's constructor, `new IPCClient(appId, options)`. */
export interface IPCClientOptions {
  /** Server host; default `localhost` (in a browser: the page's host). */
  host?: string;
  /** Server port; default 8888 over TCP (Node), 8080 over WebSocket (browser). */
  port?: number;
  /** How long `connect()` may take, connection and handshake, in ms; default 10000. */
  connectionTimeout?: number;
  /** Reconnect attempts after a lost connection before giving up; default 5 (`Infinity`: never give up). */
  reconnectAttempts?: number;
  /** Delay before the first reconnect attempt, in ms, doubled for each further attempt (with jitter); default 2000. */
  reconnectDelay?: number;
  /** How often a `system` ping checks the connection, in ms; default 30000; 0 turns the heartbeat off. */
  heartbeatInterval?: number;
}

/** All options. `url` wins over `host` and `port`. */
export interface ClientOptions extends IPCClientOptions {
  /** `tcp://host:port`, `tcps://host:port` or `tls://host:port` (Node), `ws://host:port[/ipc]` or `wss://...`. */
  url?: string;
  /** The application to join. */
  appId?: string;
  /** Sent in the connect request's payload (`token`), for servers that authenticate clients. */
  token?: string;
  /** Reconnect after a lost connection; default true. */
  reconnect?: boolean;
  /**
   * Recover, after a reconnect, what was published on the subscribed channels meanwhile; default true. The client
   * asks the server for positions (`capabilities: ["offsets"]`), remembers the last one per channel and names it
   * (`since`) when it subscribes again; the outcome is the `recovery` event. False: connect as the original client.
   */
  recover?: boolean;
  /** The longest delay between reconnect attempts, in ms; default 30000. */
  maxReconnectDelay?: number;
  /** How long a heartbeat ping may wait for its answer before the connection counts as dead; default min(interval, 10000). */
  heartbeatTimeout?: number;
  /** Default time-out of requests, in ms; default 30000. */
  requestTimeout?: number;
  /** Messages an iterated subscription holds before dropping the oldest; default 1024. */
  subscriptionBufferSize?: number;
  /** Node: TLS options for `tcps://` (`tls://`) and `wss://`: `ca` (PEM text of the certificates to trust), `cert` and `key` for a client certificate, ... */
  tls?: Record<string, unknown>;
  /** The largest TCP frame accepted from the server, in bytes; default 64 MiB. */
  maxFrameSize?: number;
  /** Replaces the platform's transports (tests, custom sockets). */
  transport?: TransportFactory;
}

/** Options of one request. */
export interface RequestOptions {
  /** Time-out in ms (default: the client's `requestTimeout`). Also sent to the server as `timeout_ms`. */
  timeout?: number;
  /** Aborts the wait; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Answers requests of a channel: the return value (or the promise's value) is the response payload. */
export type RequestHandler<Req = unknown, Res = unknown> = (payload: Req, message: Message<Req>) => Res | Promise<Res>;

/** A channel this client serves; `stop()` unserves it. */
export interface Service {
  readonly channel: string;
  stop(): Promise<void>;
}

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** What `getConnectionInfo()` returns. */
export interface ConnectionInfo {
  connectionId: string | null;
  appId: string;
  status: ConnectionStatus;
  connected: boolean;
  url: string;
  transport: string | null;
  subscribedChannels: string[];
  servedChannels: string[];
  pendingRequests: number;
  reconnectAttempt: number;
}

/** The options with their defaults applied, as the client uses them. */
export type ResolvedOptions = Required<
  Omit<ClientOptions, 'url' | 'token' | 'tls' | 'transport' | 'host' | 'port' | 'appId'>
> &
  Pick<ClientOptions, 'token' | 'tls'> & {
    readonly appId: string;
    readonly url: URL;
    readonly createTransport: TransportFactory;
  };

/**
 * Takes either constructor form, `(appId, options)` (the original's) or `(options)`, and applies the defaults;
 * throws a TypeError without an appId.
 */
export function resolveOptions(
  platform: Platform,
  appIdOrOptions: string | ClientOptions,
  maybeOptions: IPCClientOptions & ClientOptions = {},
): ResolvedOptions {
  const options: ClientOptions =
    typeof appIdOrOptions === 'string' ? { ...maybeOptions, appId: appIdOrOptions } : { ...appIdOrOptions };
  if (!options.appId) {
    throw new TypeError('an appId is required');
  }
  const heartbeatInterval = options.heartbeatInterval ?? 30000;
  return {
    appId: options.appId,
    connectionTimeout: options.connectionTimeout ?? 10000,
    reconnect: options.reconnect ?? true,
    recover: options.recover ?? true,
    reconnectAttempts: options.reconnectAttempts ?? 5,
    reconnectDelay: options.reconnectDelay ?? 2000,
    maxReconnectDelay: options.maxReconnectDelay ?? 30000,
    heartbeatInterval,
    heartbeatTimeout: options.heartbeatTimeout ?? Math.min(heartbeatInterval, 10000),
    requestTimeout: options.requestTimeout ?? 30000,
    subscriptionBufferSize: options.subscriptionBufferSize ?? 1024,
    maxFrameSize: options.maxFrameSize ?? 64 * 1024 * 1024,
    token: options.token,
    tls: options.tls,
    url: new URL(options.url ?? platform.defaultUrl(options.host, options.port)),
    createTransport: options.transport ?? platform.createTransport,
  };
}
