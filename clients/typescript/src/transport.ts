/** One open connection to the server that carries whole JSON envelopes as text. */
export interface Transport {
  /** `tcp` or `websocket`. */
  readonly kind: string;
  /** Sends one envelope (one frame). */
  send(text: string): void;
  /** Bytes sent but not yet handed to the operating system: they wait while the server does not read. */
  bufferedAmount(): number;
  /** Resolves when some of what is buffered may have gone out (a write drained, or a short while passed). */
  progress(): Promise<void>;
  /** Closes gracefully. */
  close(): void;
  /** Drops the connection at once (a dead peer). */
  destroy(): void;
}

/** What a transport reports once it is open; `onClose` is called exactly once. */
export interface TransportHandlers {
  onMessage(text: string): void;
  onClose(error?: Error): void;
}

/** Options a transport may read; unknown keys are ignored. */
export interface TransportOptions {
  /** Node: options for `tls.connect` (tcps:// and tls:// URLs) or for the `ws` WebSocket constructor (ws:// and wss://). */
  tls?: Record<string, unknown>;
  /** The largest frame accepted from the server, in bytes (TCP). */
  maxFrameSize?: number;
}

/** Opens a transport to `url`; resolves once it is open, rejects when it cannot be opened. */
export type TransportFactory = (url: URL, handlers: TransportHandlers, options: TransportOptions) => Promise<Transport>;

/** What differs between Node and the browser. */
export interface Platform {
  createTransport: TransportFactory;
  /** The URL used when only `host` and `port` are given. */
  defaultUrl(host: string | undefined, port: number | undefined): string;
}
