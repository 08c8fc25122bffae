/**
 * Node.js entry: TCP (`tcp://`, and over TLS `tcps://` or `tls://`) through `net`/`tls`, WebSocket (`ws://`, `wss://`) through `ws`.
 */
import WebSocket from 'ws';

import { BaseClient } from './client.js';
import type { ClientOptions, IPCClientOptions } from './options.js';
import { ClientErrorCode, IpcError } from './errors.js';
import type { Platform, Transport, TransportHandlers, TransportOptions } from './transport.js';
import { openTcp } from './transports/tcp.js';
import { openWebSocket, webSocketUrl, type WebSocketLike } from './transports/websocket.js';

export * from './common.js';

function createTransport(url: URL, handlers: TransportHandlers, options: TransportOptions): Promise<Transport> {
  switch (url.protocol) {
    case 'tcp:':
    case 'tls:':
    case 'tcps:':
      return openTcp(url, handlers, options);
    case 'ws:':
    case 'wss:':
      return openWebSocket(
        (address) => new WebSocket(address, { ...(options.tls ?? {}) }) as unknown as WebSocketLike,
        webSocketUrl(url),
        handlers,
      );
    default:
      return Promise.reject(
        new IpcError(ClientErrorCode.UNSUPPORTED_TRANSPORT, `Unsupported URL scheme '${url.protocol}' (tcp, tcps, tls, ws, wss)`),
      );
  }
}

/** The Node.js platform: TCP by default, as the original client. */
export const nodePlatform: Platform = {
  createTransport,
  defaultUrl: (host, port) => `tcp://${host ?? 'localhost'}:${port ?? 8888}`,
};

/**
 * The client. `new IpcClient(appId, options)` is the original's constructor (`IPCClient` is the same class);
 * `new IpcClient({url, appId, ...})` takes every option.
 */
export class IpcClient extends BaseClient {
  constructor(options: ClientOptions);
  constructor(appId: string, options?: IPCClientOptions & ClientOptions);
  constructor(appIdOrOptions: string | ClientOptions, options: IPCClientOptions & ClientOptions = {}) {
    super(nodePlatform, appIdOrOptions, options);
  }
}

/** The original client's name. */
export const IPCClient = IpcClient;
export type IPCClient = IpcClient;

/** Creates a client and connects it: `const client = await connect({url: 'tcp://localhost:8888', appId: 'app'})`. */
export async function connect(options: ClientOptions & { appId: string }): Promise<IpcClient> {
  const client = new IpcClient(options);
  await client.connect();
  return client;
}

export default IpcClient;
