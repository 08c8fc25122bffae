import { errorFromPayload, type IpcError } from './errors.js';
import { Message, MessageType, type Envelope } from './message.js';
import { readPosition } from './positions.js';

/** The channel of the protocol's own messages: handshake, ping, serve, drain, error notices. */
export const SYSTEM = 'system';

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads one frame's text as a message; throws when it is not a JSON envelope. */
export function parseEnvelope(text: string): Message {
  const data: unknown = JSON.parse(text);
  if (!isObject(data) || typeof data.message_type !== 'string') {
    throw new Error('not an envelope');
  }
  const message = new Message(data as unknown as Envelope);
  const position = readPosition(data);
  if (position) {
    message.position = position;
  }
  return message;
}

/** A `system` ping request. */
export function pingPayload(): Record<string, unknown> {
  return { action: 'ping' };
}

/** Whether a ping's response payload says `pong`. */
export function isPong(payload: unknown): boolean {
  return isObject(payload) && payload.status === 'pong';
}

/** The payload of the `serve` action (answer the channel's requests), with its optional group. */
export function servePayload(channelId: string, group?: string): Record<string, unknown> {
  const payload: Record<string, unknown> = { action: 'serve', channel_id: channelId };
  if (group !== undefined) {
    payload.group = group;
  }
  return payload;
}

/** The payload of the `unserve` action. */
export function unservePayload(channelId: string): Record<string, unknown> {
  return { action: 'unserve', channel_id: channelId };
}

/** What a `system` message other than a response asks of the client. */
export type SystemNotice =
  /** The server pings: send `reply`. */
  | { kind: 'ping'; reply: Envelope }
  /** The server is going away: reconnect after `reconnectAfterMs` (undefined: the server gave no usable delay). */
  | { kind: 'drain'; reconnectAfterMs: number | undefined }
  /** An error notice not tied to a request. */
  | { kind: 'error'; error: IpcError }
  /** Anything else the server says, passed on as a `message` event. */
  | { kind: 'message' }
  /** A request the client does not answer. */
  | { kind: 'ignore' };

/** Reads a `system` message that is not a response. */
export function readSystemMessage(message: Message): SystemNotice {
  const payload = isObject(message.payload) ? message.payload : {};
  if (message.message_type === MessageType.REQUEST) {
    if (payload.action === 'ping') {
      return { kind: 'ping', reply: message.createResponse({ status: 'pong', client_time: Date.now() / 1000 }).toJSON() };
    }
    return { kind: 'ignore' };
  }
  if (payload.action === 'drain') {
    const after = Number(payload.reconnect_after_ms);
    return { kind: 'drain', reconnectAfterMs: Number.isFinite(after) && after >= 0 ? after : undefined };
  }
  const error = errorFromPayload(payload);
  if (error) {
    return { kind: 'error', error };
  }
  return { kind: 'message' };
}
