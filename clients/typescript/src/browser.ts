/**
 * Browser entry: WebSocket (`ws://`, `wss://`) through the browser's own `WebSocket`. No Node.js import.
 */
import { BaseClient } from './client.js';
import type { ClientOptions, IPCClientOptions } from './options.js';
import { ClientErrorCode, IpcError } from './errors.js';
import type { Platform, Transport, TransportHandlers } from './transport.js';
import { openWebSocket, webSocketUrl, type WebSocketLike } from './transports/websocket.js';

export * from './common.js';

type WebSocketConstructor = new (url: string) => WebSocketLike;

function createTransport(url: URL, handlers: TransportHandlers): Promise<Transport> {
  const WebSocketImpl = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return Promise.reject(
      new IpcError(ClientErrorCode.UNSUPPORTED_TRANSPORT, `Browsers connect over WebSocket only (ws://, wss://), not '${url.protocol}'`),
    );
  }
  if (!WebSocketImpl) {
    return Promise.reject(new IpcError(ClientErrorCode.UNSUPPORTED_TRANSPORT, 'No WebSocket in this environment'));
  }
  return openWebSocket((address) => new WebSocketImpl(address), webSocketUrl(url), handlers);
}

function pageHost(): string {
  const location = (globalThis as { location?: { hostname?: string; protocol?: string } }).location;
  return location?.hostname || 'localhost';
}

function pageScheme(): string {
  const location = (globalThis as { location?: { protocol?: string } }).location;
  return location?.protocol === 'https:' ? 'wss' : 'ws';
}

/** The browser platform: WebSocket to the page's host, port 8080, path `/ipc` by default. */
export const browserPlatform: Platform = {
  createTransport,
  defaultUrl: (host, port) => `${pageScheme()}://${host ?? pageHost()}:${port ?? 8080}/ipc`,
};

/** The client; see the Node.js entry. In a browser, `url` must be `ws://` or `wss://`. */
export class IpcClient extends BaseClient {
  constructor(options: ClientOptions);
  constructor(appId: string, options?: IPCClientOptions & ClientOptions);
  constructor(appIdOrOptions: string | ClientOptions, options: IPCClientOptions & ClientOptions = {}) {
    super(browserPlatform, appIdOrOptions, options);
  }
}

/** The original client's name. */
export const IPCClient = IpcClient;
export type IPCClient = IpcClient;

/** Creates a client and connects it: `const client = await connect({url: 'ws://localhost:8080/ipc', appId: 'app'})`. */
export async function connect(options: ClientOptions & { appId: string }): Promise<IpcClient> {
  const client = new IpcClient(options);
  await client.connect();
  return client;
}

export default IpcClient;
