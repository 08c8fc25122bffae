import type { StreamPosition } from './positions.js';
import { uuid4 } from './uuid.js';

/** The six message types of the protocol. */
export const MessageType = {
  REQUEST: 'request',
  RESPONSE: 'response',
  NOTIFICATION: 'notification',
  SUBSCRIBE: 'subscribe',
  UNSUBSCRIBE: 'unsubscribe',
  PUBLISH: 'publish',
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** The wire envelope: one JSON object with these seven snake_case fields. */
export interface Envelope<T = unknown> {
  message_id: string;
  app_id: string;
  channel_id: string;
  message_type: MessageType;
  payload: T;
  timestamp: number;
  reply_to: string | null;
}

/**
 * One message. It carries the envelope's snake_case fields as they are on the wire, and the camelCase read-only
 * names of the earlier TypeScript client (`messageId`, `channelId`, ...), so code written for either reads it.
 */
export class Message<T = unknown> implements Envelope<T> {
  message_id: string;
  app_id: string;
  channel_id: string;
  message_type: MessageType;
  payload: T;
  timestamp: number;
  reply_to: string | null;
  /**
   * Where the message stands in its channel's history, when the server said (a publish on a channel with history,
   * to a client with `recover` on). Not part of the envelope: `toJSON()` leaves it out.
   */
  declare position?: StreamPosition;

  constructor(envelope: Partial<Envelope<T>> & { app_id: string; channel_id: string; message_type: MessageType }) {
    this.message_id = envelope.message_id || uuid4();
    this.app_id = envelope.app_id;
    this.channel_id = envelope.channel_id;
    this.message_type = envelope.message_type;
    this.payload = (envelope.payload === undefined ? {} : envelope.payload) as T;
    this.timestamp = typeof envelope.timestamp === 'number' && envelope.timestamp > 0 ? envelope.timestamp : Date.now() / 1000;
    this.reply_to = envelope.reply_to ?? null;
  }

  get messageId(): string {
    return this.message_id;
  }

  get appId(): string {
    return this.app_id;
  }

  get channelId(): string {
    return this.channel_id;
  }

  get messageType(): MessageType {
    return this.message_type;
  }

  get replyTo(): string | null {
    return this.reply_to;
  }

  isRequest(): boolean {
    return this.message_type === MessageType.REQUEST;
  }

  isResponse(): boolean {
    return this.message_type === MessageType.RESPONSE;
  }

  /** The response to this message: same app and channel, `reply_to` set to this message's id. */
  createResponse<R>(payload: R): Message<R> {
    return new Message<R>({
      app_id: this.app_id,
      channel_id: this.channel_id,
      message_type: MessageType.RESPONSE,
      payload,
      reply_to: this.message_id,
    });
  }

  toJSON(): Envelope<T> {
    return {
      message_id: this.message_id,
      app_id: this.app_id,
      channel_id: this.channel_id,
      message_type: this.message_type,
      payload: this.payload,
      timestamp: this.timestamp,
      reply_to: this.reply_to,
    };
  }

  static fromJSON<T = unknown>(data: string | Partial<Envelope<T>>): Message<T> {
    const envelope = (typeof data === 'string' ? JSON.parse(data) : data) as Envelope<T>;
    return new Message<T>(envelope);
  }
}
