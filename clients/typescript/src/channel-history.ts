import { Message, MessageType, type Envelope } from './message.js';
import type { RequestOptions } from './options.js';
import { ChannelPositions, type ChannelRecovery, type StreamPosition } from './positions.js';
import { SYSTEM } from './system.js';

/** What the history and presence side needs from the client. */
export interface ChannelHistoryHooks {
  /** Sends an envelope as it is; false when not connected. */
  post(envelope: Envelope): boolean;
  /** Sends a new message of the type to the channel; false when not connected. */
  send(channel: string, type: MessageType, payload: unknown): boolean;
  /** Sends a `system` request; resolves with the response payload. */
  system<T>(payload: Record<string, unknown>, options: RequestOptions): Promise<T>;
  /** The id of the current connection, or null. */
  connectionId(): string | null;
}

/** A page of the `history` action's answer. */
export interface HistoryPage<T> {
  messages: Array<Envelope<T> & StreamPosition>;
  offset: number;
  epoch: string;
}

/** The `presence` action's answer. */
export interface PresenceAnswer {
  count: number;
  subscribers: Array<{ connection_id: string; principal?: string; info?: unknown }>;
}

/**
 * The client's use of the server's channel history and presence: subscribes that name the last position seen on a
 * channel, so that subscribing again after a reconnect recovers what was published meanwhile, the positions that
 * tell a recovered message seen already, and the `history` and `presence` reads. `BaseClient` delegates to it.
 */
export class ChannelHistoryAccess {
  private readonly positions = new ChannelPositions();

  constructor(
    private readonly appId: string,
    private readonly recover: boolean,
    private readonly hooks: ChannelHistoryHooks,
  ) {}

  /** A copy of the last position seen on the channel; see `BaseClient.position`. */
  position(channel: string): StreamPosition | undefined {
    const position = this.positions.lastSeen(channel);
    return position ? { ...position } : undefined;
  }

  /** The subscribe of a channel's first subscription: it starts afresh, whatever was seen on the channel before. */
  firstSubscribe(channel: string): void {
    this.positions.forget(channel);
    this.sendSubscribe(channel, undefined, this.hooks.connectionId());
  }

  /** After a handshake: subscribes again to each channel, from the last position seen on it. */
  resubscribeAll(channels: string[], connectionId: string): void {
    this.positions.newConnection();
    for (const channel of channels) {
      this.sendSubscribe(channel, this.positions.lastSeen(channel), connectionId);
    }
  }

  /** Leaves the channel, and forgets its position. */
  unsubscribe(channel: string): void {
    this.positions.forget(channel);
    this.hooks.send(channel, MessageType.UNSUBSCRIBE, { connection_id: this.hooks.connectionId() });
  }

  /** Whether a message of a subscribed channel was delivered already (recovered twice); advances the position if not. */
  seenBefore(message: Message): boolean {
    const position = message.position;
    return !!position && !this.positions.advance(message.channel_id, position);
  }

  /** A response: when it acknowledges a subscribe that named a position, the outcome of the recovery. */
  acknowledged(message: Message): ChannelRecovery | undefined {
    return message.reply_to ? this.positions.acknowledged(message.reply_to, message.payload) : undefined;
  }

  /** See `BaseClient.history`. */
  history<T>(channel: string, options: { since?: StreamPosition; limit?: number } & RequestOptions): Promise<HistoryPage<T>> {
    const { since, limit, ...request } = options;
    const payload: Record<string, unknown> = { action: 'history', channel_id: channel };
    if (since) {
      payload.since = { offset: since.offset, epoch: since.epoch };
    }
    if (limit !== undefined) {
      payload.limit = limit;
    }
    return this.hooks.system(payload, request);
  }

  /** See `BaseClient.presence`. */
  presence(channel: string, options: RequestOptions): Promise<PresenceAnswer> {
    return this.hooks.system({ action: 'presence', channel_id: channel }, options);
  }

  /** A subscribe, from `since` when recovering; its acknowledgement is awaited when `recover` is on. */
  private sendSubscribe(channel: string, since: StreamPosition | undefined, connectionId: string | null): void {
    const payload: Record<string, unknown> = { connection_id: connectionId };
    if (this.recover && since) {
      payload.since = { offset: since.offset, epoch: since.epoch };
    }
    const subscribe = new Message({ app_id: this.appId, channel_id: channel, message_type: MessageType.SUBSCRIBE, payload });
    if (this.recover) {
      this.positions.subscribing(subscribe.message_id, channel, since);
    }
    this.hooks.post(subscribe.toJSON());
  }
}
