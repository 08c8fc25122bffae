/** The options the reconnect schedule reads. */
export interface BackoffOptions {
  reconnectAttempts: number;
  reconnectDelay: number;
  maxReconnectDelay: number;
}

/**
 * When to try reconnecting: exponential backoff from `reconnectDelay`, doubled for each attempt up to
 * `maxReconnectDelay`, with jitter (a delay between half of it and all of it), at most `reconnectAttempts` times
 * in a row. A server that drains sets the delay of the next attempt itself.
 */
export class ReconnectBackoff {
  /** Attempts since the last successful handshake. */
  attempt = 0;
  private drainDelay: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: BackoffOptions) {}

  /** After a successful handshake: the next loss starts from the first attempt again. */
  reset(): void {
    this.attempt = 0;
    this.drainDelay = null;
  }

  /** Whether every attempt has been used. */
  get exhausted(): boolean {
    return this.attempt >= this.options.reconnectAttempts;
  }

  /** The server drains: the next attempt waits `reconnectAfterMs` (by default `reconnectDelay`). Returns the delay. */
  drain(reconnectAfterMs: number | undefined): number {
    this.drainDelay = reconnectAfterMs ?? this.options.reconnectDelay;
    return this.drainDelay;
  }

  /** An attempt was refused because the server is shutting down: wait at least `reconnectDelay` next time. */
  shuttingDown(): void {
    if (this.drainDelay === null) {
      this.drainDelay = this.options.reconnectDelay;
    }
  }

  /** Counts one more attempt and returns how long to wait before it. */
  nextDelay(): number {
    this.attempt++;
    if (this.drainDelay !== null) {
      const wait = this.drainDelay;
      this.drainDelay = null;
      return wait;
    }
    const base = Math.min(
      this.options.maxReconnectDelay,
      this.options.reconnectDelay * 2 ** Math.min(this.attempt - 1, 30),
    );
    return Math.round(base / 2 + Math.random() * (base / 2));
  }

  /** Runs `attempt` after `wait` ms, unless cancelled first. */
  schedule(wait: number, attempt: () => void): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      attempt();
    }, wait);
  }

  cancel(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
