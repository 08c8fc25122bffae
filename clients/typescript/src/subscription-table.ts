import type { Message } from './message.js';
import { Subscription } from './subscription.js';

/**
 * The client's subscriptions by channel. A channel is subscribed on the server while it has at least one
 * subscription; the table says when that changes, the client sends the `subscribe` and `unsubscribe` envelopes.
 */
export class SubscriptionTable {
  private readonly channels = new Map<string, Set<Subscription<any>>>();

  /** The channels with at least one subscription. */
  channelNames(): string[] {
    return [...this.channels.keys()];
  }

  /** Whether the channel has at least one subscription. */
  has(channel: string): boolean {
    return this.channels.has(channel);
  }

  /** Adds a subscription; `first` is true when the channel had none before (and must be subscribed). */
  add<T>(subscription: Subscription<T>): { first: boolean } {
    let set = this.channels.get(subscription.channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.channels.set(subscription.channel, set);
    }
    set.add(subscription);
    return { first };
  }

  /** Removes one subscription; true when it was the channel's last (which must be unsubscribed). */
  release(subscription: Subscription<any>): boolean {
    const set = this.channels.get(subscription.channel);
    if (!set || !set.delete(subscription) || set.size > 0) {
      return false;
    }
    this.channels.delete(subscription.channel);
    return true;
  }

  /** Ends and removes every subscription to the channel; false when there was none. */
  removeChannel(channel: string): boolean {
    const set = this.channels.get(channel);
    if (!set) {
      return false;
    }
    this.channels.delete(channel);
    for (const subscription of set) {
      subscription.end();
    }
    return true;
  }

  /** Passes a message to every subscription of its channel; a handler that throws goes to `onError`. */
  deliver(message: Message, onError: (error: unknown) => void): void {
    const set = this.channels.get(message.channel_id);
    if (!set) {
      return;
    }
    for (const subscription of [...set]) {
      try {
        subscription.deliver(message);
      } catch (error) {
        onError(error);
      }
    }
  }

  /** Ends the iterated subscriptions (those without a handler), keeping them in the table. */
  endIterators(): void {
    for (const set of this.channels.values()) {
      for (const subscription of set) {
        if (!subscription.handler) {
          subscription.end();
        }
      }
    }
  }

  /** Ends and removes the iterated subscriptions; those with a handler stay, to be renewed by the next connect. */
  dropIterators(): void {
    for (const [channel, set] of this.channels) {
      for (const subscription of set) {
        if (!subscription.handler) {
          subscription.end();
          set.delete(subscription);
        }
      }
      if (set.size === 0) {
        this.channels.delete(channel);
      }
    }
  }
}
