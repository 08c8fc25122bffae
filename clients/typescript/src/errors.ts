/**
 * Every error the client reports is an {@link IpcError}: either a code the server sent in an error response
 * (`NO_HANDLER`, `TIMEOUT`, `FORBIDDEN`, ...) or one of the client's own codes below.
 */
export class IpcError extends Error {
  /** The server's error code (`NO_HANDLER`, `RESPONDER_GONE`, ...) or a client code from {@link ClientErrorCode}. */
  readonly code: string;
  /** The rest of the server's error object, when it sent more than `code` and `message`. */
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    if (details !== undefined) {
      this.details = details;
    }
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Codes of errors that the client raises itself, never sent by the server. */
export const ClientErrorCode = {
  /** The connection closed (or was never open) while the request waited for its answer. */
  CONNECTION_CLOSED: 'CONNECTION_CLOSED',
  /** No connection and handshake within `connectionTimeout`. */
  CONNECTION_TIMEOUT: 'CONNECTION_TIMEOUT',
  /** The server did not answer a heartbeat ping in time; the connection was dropped as dead. */
  HEARTBEAT_TIMEOUT: 'HEARTBEAT_TIMEOUT',
  /** Reconnecting gave up after `reconnectAttempts` attempts. */
  RECONNECT_FAILED: 'RECONNECT_FAILED',
  /** The URL's scheme has no transport on this platform (e.g. `tcp://` in a browser). */
  UNSUPPORTED_TRANSPORT: 'UNSUPPORTED_TRANSPORT',
  /** A frame from the server could not be read. */
  PROTOCOL_ERROR: 'PROTOCOL_ERROR',
} as const;

/**
 * A request that got no answer in time, code `TIMEOUT`, message `'Request timeout'` (as the original client's),
 * whether the client timed it out or the server did (then `details.serverMessage` holds the server's words).
 */
export class RequestTimeoutError extends IpcError {
  constructor(message = 'Request timeout', details?: Record<string, unknown>) {
    super('TIMEOUT', message, details);
    this.name = 'RequestTimeoutError';
  }
}

/** The connection closed, or was not open, so the request or message could not be answered or sent. */
export class ConnectionClosedError extends IpcError {
  constructor(message = 'Connection closed') {
    super(ClientErrorCode.CONNECTION_CLOSED, message);
    this.name = 'ConnectionClosedError';
  }
}

/** Turns the payload of an error response (`{"error": {"code", "message", ...}}`) into an error, else undefined. */
export function errorFromPayload(payload: unknown): IpcError | undefined {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return undefined;
  }
  const error = (payload as Record<string, unknown>).error;
  if (error === null || typeof error !== 'object' || Array.isArray(error)) {
    return undefined;
  }
  const { code, message, ...details } = error as Record<string, unknown>;
  if (typeof code !== 'string') {
    return undefined;
  }
  const text = typeof message === 'string' ? message : code;
  const extra = Object.keys(details).length > 0 ? details : undefined;
  if (code === 'TIMEOUT') {
    // the same message whether the client or the server timed the request out, as the original's
    return new RequestTimeoutError('Request timeout', { ...extra, serverMessage: text });
  }
  return new IpcError(code, text, extra);
}
