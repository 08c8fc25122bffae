import { Emitter } from './emitter.js';
import type { Message } from './message.js';
import type { ChannelRecovery } from './positions.js';

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
  /**
   * After a reconnect, the client subscribed again to a channel from the last position it had seen there; with
   * `recovered: false`, messages were missed that the server could not send: reload. Fired after the recovered
   * messages, before the live ones.
   */
  recovery: (info: ChannelRecovery) => void;
  /** Every message received that is not a response. */
  message: (message: Message) => void;
}

/** The client's events: a listener that throws is reported as an `error` event (when anyone listens). */
export class ClientEventEmitter extends Emitter<ClientEvents> {
  fire<K extends keyof ClientEvents>(event: K, ...args: Parameters<ClientEvents[K]>): void {
    this.emit(event, args, (error) => {
      if (event !== 'error') {
        this.reportError(error);
      }
    });
  }

  /** Emits `error` when there is a listener for it; otherwise the error is dropped. */
  reportError(error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    if (this.listenerCount('error') > 0) {
      this.fire('error', err);
    }
  }
}
