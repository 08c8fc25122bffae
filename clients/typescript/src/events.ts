import type { Message } from './message.js';

export interface ClientEvents {
  /** After every successful handshake; `reconnected` is true after a reconnect. */
  connected: (info: { connectionId: string; reconnected: boolean }) => void;
  /** When an open connection closes; `willReconnect` tells whether the client tries again. */
  disconnected: (info: { error?: Error; willReconnect: boolean }) => void;
  /** Before each reconnect attempt. */
  reconnecting: (info: { attempt: number; delay: number }) => void;
  /** The server announced it is going away; the client reconnects after `reconnectAfterMs`. */
  drain: (info: { reconnectAfterMs: number }) => void;
  /** Errors not tied to a call: server error notices, failed reconnects, handlers that threw. */
  error: (error: Error) => void;
  /** Every message received that is not a response. */
  message: (message: Message) => void;
}
