import { errorFromPayload, RequestTimeoutError } from './errors.js';
import type { Message } from './message.js';

interface Pending {
  resolve(message: Message): void;
  reject(error: Error): void;
  cleanup(): void;
}

/** Requests sent and waiting for their response, by message id, each with its time-out and abort signal. */
export class PendingRequests {
  private readonly entries = new Map<string, Pending>();

  get size(): number {
    return this.entries.size;
  }

  /**
   * Waits for the response to request `id`: registers it, then calls `send` (which may throw, rejecting the
   * promise). Rejects with {@link RequestTimeoutError} after `timeout` ms (none when 0 or not finite) and with the
   * signal's reason once it aborts.
   */
  wait(id: string, timeout: number, signal: AbortSignal | undefined, send: () => void): Promise<Message> {
    if (signal?.aborted) {
      return Promise.reject(signal.reason ?? new Error('Aborted'));
    }
    return new Promise<Message>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        if (this.entries.delete(id)) {
          cleanup();
          reject(signal?.reason ?? new Error('Aborted'));
        }
      };
      const cleanup = () => {
        if (timer) {
          clearTimeout(timer);
        }
        signal?.removeEventListener('abort', onAbort);
      };
      this.entries.set(id, { resolve, reject, cleanup });
      if (timeout > 0 && Number.isFinite(timeout)) {
        timer = setTimeout(() => {
          if (this.entries.delete(id)) {
            cleanup();
            reject(new RequestTimeoutError());
          }
        }, timeout);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        send();
      } catch (error) {
        this.entries.delete(id);
        cleanup();
        reject(error);
      }
    });
  }

  /** Settles the request a response answers (an error payload rejects it); responses nobody waits for are dropped. */
  settle(response: Message): void {
    const id = response.reply_to;
    const entry = id ? this.entries.get(id) : undefined;
    if (!entry || !id) {
      return;
    }
    this.entries.delete(id);
    entry.cleanup();
    const error = errorFromPayload(response.payload);
    if (error) {
      entry.reject(error);
    } else {
      entry.resolve(response);
    }
  }

  /** Rejects every waiting request with `error` (the connection closed). */
  failAll(error: Error): void {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) {
      entry.cleanup();
      entry.reject(error);
    }
  }
}
