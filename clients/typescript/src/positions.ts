/** Where a message stands in its channel's history: `offset` counts the channel's messages; `epoch` names the history. */
export interface StreamPosition {
  offset: number;
  epoch: string;
}

/**
 * The `recovery` event: the outcome of subscribing again, after a reconnect, from the last position seen on a
 * channel. `recovered: false` means messages were missed that the server could not send (its history was lost in a
 * restart, no longer reaches back to `since`, or is not kept): reload what depends on the channel, then go on from
 * `offset`/`epoch`, the channel's latest position.
 */
export interface ChannelRecovery {
  channel: string;
  recovered: boolean;
  offset: number;
  epoch: string;
  /** The last position the client had seen, named in the subscribe. */
  since: StreamPosition;
}

/** Reads `{offset, epoch}` liberally: anything else (missing, mistyped, a negative offset) is no position. */
export function readPosition(data: Record<string, unknown>): StreamPosition | undefined {
  const { offset, epoch } = data;
  return typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 && typeof epoch === 'string'
    ? { offset, epoch }
    : undefined;
}

/**
 * The last position the client saw on each subscribed channel, named as `since` when it subscribes again after a
 * reconnect, and the subscribes whose acknowledgement it awaits. A position comes from each positioned publish and
 * from each acknowledgement (the channel's latest, also when nothing was recovered).
 */
export class ChannelPositions {
  private readonly last = new Map<string, StreamPosition>();
  private readonly awaited = new Map<string, { channel: string; since: StreamPosition | undefined }>();

  lastSeen(channel: string): StreamPosition | undefined {
    return this.last.get(channel);
  }

  /** A subscribe is about to be sent; its acknowledgement will update the channel's position. */
  subscribing(messageId: string, channel: string, since: StreamPosition | undefined): void {
    this.awaited.set(messageId, { channel, since });
  }

  /**
   * A positioned publish arrived. False when it was seen already (same epoch, not after the last position): a
   * subscribe sent twice on one connection recovers the same messages twice, and the application gets them once.
   */
  advance(channel: string, position: StreamPosition): boolean {
    const previous = this.last.get(channel);
    if (previous && previous.epoch === position.epoch && position.offset <= previous.offset) {
      return false;
    }
    this.last.set(channel, position);
    return true;
  }

  /**
   * A response arrived; when it acknowledges a subscribe, the channel's position becomes the one it names. Returns
   * the outcome when the subscribe asked to recover from a position.
   */
  acknowledged(replyTo: string, payload: unknown): ChannelRecovery | undefined {
    const subscribe = this.awaited.get(replyTo);
    if (!subscribe) {
      return undefined;
    }
    this.awaited.delete(replyTo);
    const ack = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
    const latest = readPosition(ack);
    if (!latest || ack.status !== 'subscribed') {
      return undefined;
    }
    this.last.set(subscribe.channel, latest);
    return subscribe.since
      ? { channel: subscribe.channel, recovered: ack.recovered === true, ...latest, since: subscribe.since }
      : undefined;
  }

  /** The client left the channel: its position and awaited acknowledgements no longer matter. */
  forget(channel: string): void {
    this.last.delete(channel);
    for (const [id, subscribe] of this.awaited) {
      if (subscribe.channel === channel) {
        this.awaited.delete(id);
      }
    }
  }

  /** A new connection: acknowledgements of subscribes sent on the old one will never come. */
  newConnection(): void {
    this.awaited.clear();
  }
}
