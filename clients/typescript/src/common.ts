/** What both entry points export. */
export { IpcError, ClientErrorCode, RequestTimeoutError, ConnectionClosedError } from './errors.js';
export { Message, MessageType, type Envelope } from './message.js';
export { Subscription } from './subscription.js';
export type {
  ClientOptions,
  IPCClientOptions,
  RequestOptions,
  RequestHandler,
  Service,
  ConnectionInfo,
  ConnectionStatus,
} from './options.js';
export type { ClientEvents } from './events.js';
export type { StreamPosition, ChannelRecovery } from './positions.js';
export type { Transport, TransportFactory, TransportHandlers, TransportOptions, Platform } from './transport.js';
export { uuid4 } from './uuid.js';
