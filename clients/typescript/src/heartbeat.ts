import { ClientErrorCode, IpcError, RequestTimeoutError } from './errors.js';
import type { Link } from './link.js';

/** What the heartbeat needs from the connection. */
export interface HeartbeatHooks {
  /** The connection's current link, if any. */
  currentLink(): Link | null;
  /** Sends a `system` ping and resolves with its answer; rejects with {@link RequestTimeoutError} after `timeout` ms. */
  ping(timeout: number): Promise<unknown>;
  reportError(error: Error): void;
}

/**
 * Pings the server every `interval` ms, one ping at a time. A ping without an answer within `timeout` ms counts
 * the connection as dead: the error `HEARTBEAT_TIMEOUT` is reported and the transport dropped, which closes the link.
 */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight = false;

  constructor(
    private readonly interval: number,
    private readonly timeout: number,
    private readonly hooks: HeartbeatHooks,
  ) {}

  /** (Re)starts the beat; an interval of 0 or less leaves it off. */
  start(): void {
    this.stop();
    if (this.interval <= 0) {
      return;
    }
    this.timer = setInterval(() => this.beat(), this.interval);
  }

  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    this.inFlight = false;
  }

  private beat(): void {
    const link = this.hooks.currentLink();
    if (!link || !link.ready || this.inFlight) {
      return;
    }
    this.inFlight = true;
    this.hooks.ping(this.timeout).then(
      () => {
        this.inFlight = false;
      },
      (error: unknown) => {
        this.inFlight = false;
        if (error instanceof RequestTimeoutError && this.hooks.currentLink() === link && link.ready) {
          this.hooks.reportError(
            new IpcError(
              ClientErrorCode.HEARTBEAT_TIMEOUT,
              `No answer to a heartbeat within ${this.timeout} ms; dropping the connection`,
            ),
          );
          link.transport?.destroy();
        }
      },
    );
  }
}
