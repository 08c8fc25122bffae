import type { Transport, TransportHandlers } from '../transport.js';

/** The part of the WHATWG WebSocket API used here; both the browser's `WebSocket` and `ws` provide it. */
export interface WebSocketLike {
  binaryType: string;
  readyState: number;
  /** Bytes queued by `send` and not yet handed to the network. */
  bufferedAmount: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; error?: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate?: () => void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

const decoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-8') : undefined;

function toText(data: unknown): string {
  if (typeof data === 'string') {
    return data;
  }
  if (decoder && data instanceof ArrayBuffer) {
    return decoder.decode(new Uint8Array(data));
  }
  if (decoder && ArrayBuffer.isView(data)) {
    return decoder.decode(data as Uint8Array);
  }
  if (Array.isArray(data)) {
    return data.map(toText).join('');
  }
  return String(data);
}

/**
 * How often a wait for buffered bytes to go out counts them again: often, since a publisher that waits for its buffer
 * to shrink below a bound sends at most that bound per check (browsers wait at least 4 ms).
 */
const PROGRESS_CHECK_MS = 2;

/** Opens a WebSocket (one envelope per message) with the given constructor. */
export function openWebSocket(create: WebSocketFactory, url: string, handlers: TransportHandlers): Promise<Transport> {
  return new Promise((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = create(url);
    } catch (error) {
      reject(error);
      return;
    }
    let opened = false;
    let closed = false;
    let lastError: Error | undefined;
    socket.binaryType = 'arraybuffer';
    const transport: Transport = {
      kind: 'websocket',
      send(text: string) {
        socket.send(text);
      },
      bufferedAmount() {
        return socket.bufferedAmount;
      },
      progress() {
        // a WebSocket reports no event when its buffer drains
        return new Promise<void>((resolve) => setTimeout(resolve, PROGRESS_CHECK_MS));
      },
      close() {
        try {
          socket.close(1000, 'client disconnect');
        } catch {
          // already closing
        }
      },
      destroy() {
        if (typeof socket.terminate === 'function') {
          socket.terminate();
        } else {
          try {
            socket.close(4000, 'dead connection');
          } catch {
            // already closing
          }
        }
        // a browser socket may take a while to report the close of a dead peer: report it now
        finish(new Error('connection dropped'));
      },
    };
    const finish = (error?: Error) => {
      if (closed) {
        return;
      }
      closed = true;
      if (opened) {
        handlers.onClose(error);
      } else {
        reject(error ?? new Error('WebSocket closed before it opened'));
      }
    };
    socket.onopen = () => {
      opened = true;
      resolve(transport);
    };
    socket.onmessage = (event) => {
      if (!closed) {
        handlers.onMessage(toText(event.data));
      }
    };
    socket.onerror = (event) => {
      const cause = event && event.error instanceof Error ? event.error : undefined;
      lastError = cause ?? new Error(event?.message || `WebSocket error on ${url}`);
    };
    socket.onclose = (event) => {
      finish(lastError ?? (event.code === 1000 ? undefined : new Error(`WebSocket closed: ${event.code} ${event.reason || ''}`.trim())));
    };
  });
}

/** `ws://host:port` without a path means the server's endpoint, `/ipc`. */
export function webSocketUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.pathname === '' || copy.pathname === '/') {
    copy.pathname = '/ipc';
  }
  return copy.href;
}
