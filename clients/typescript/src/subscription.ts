import type { Message } from './message.js';

/**
 * One subscription to a channel. With a handler, every message is passed to it. Without one, messages wait in a
 * bounded buffer (the oldest dropped when it is full) for an async iterator:
 *
 * ```ts
 * for await (const message of client.subscribe<Price>('prices')) { ... }
 * ```
 *
 * Leaving the loop (break, return, throw) unsubscribes; `client.disconnect()` ends the loop.
 */
export class Subscription<T = unknown> implements AsyncIterable<Message<T>> {
  private readonly buffer: Message<T>[] = [];
  private readonly waiters: Array<(result: IteratorResult<Message<T>>) => void> = [];
  private ended = false;
  /** Messages dropped because the buffer was full. */
  dropped = 0;

  /** @internal */
  constructor(
    readonly channel: string,
    readonly handler: ((message: Message<T>) => void) | undefined,
    private readonly bufferSize: number,
    private readonly release: (subscription: Subscription<T>) => void,
  ) {}

  /** Whether the subscription still receives messages. */
  get active(): boolean {
    return !this.ended;
  }

  /** @internal delivers one message. */
  deliver(message: Message<T>): void {
    if (this.ended) {
      return;
    }
    if (this.handler) {
      this.handler(message);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter({ value: message, done: false });
      return;
    }
    this.buffer.push(message);
    if (this.buffer.length > this.bufferSize) {
      this.buffer.shift();
      this.dropped++;
    }
  }

  /** Stops this subscription; the channel is unsubscribed on the server when no other subscription is left. */
  unsubscribe(): void {
    if (this.ended) {
      return;
    }
    this.end();
    this.release(this);
  }

  /** @internal ends the iterator without telling the server (the client closed). */
  end(): void {
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter({ value: undefined, done: true });
    }
  }

  /** The next message, or `undefined` once the subscription has ended. */
  async next(): Promise<Message<T> | undefined> {
    const result = await this.nextResult();
    return result.done ? undefined : result.value;
  }

  private nextResult(): Promise<IteratorResult<Message<T>>> {
    const buffered = this.buffer.shift();
    if (buffered) {
      return Promise.resolve({ value: buffered, done: false });
    }
    if (this.ended) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<Message<T>> {
    return {
      next: () => this.nextResult(),
      return: async () => {
        this.unsubscribe();
        return { value: undefined, done: true };
      },
    };
  }
}
