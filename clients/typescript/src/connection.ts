import { ClientErrorCode, ConnectionClosedError, IpcError } from './errors.js';
import type { ClientEventEmitter } from './events.js';
import { closedDuringHandshake, handshake, onHandshakeFrame } from './handshake.js';
import { Heartbeat } from './heartbeat.js';
import { isOpen, newLink, writeEnvelope, type Link } from './link.js';
import { Message, MessageType, type Envelope } from './message.js';
import type { ConnectionStatus, RequestOptions, ResolvedOptions } from './options.js';
import { PendingRequests } from './pending.js';
import { ReconnectBackoff } from './reconnect.js';
import { pingPayload, readSystemMessage, SYSTEM, parseEnvelope } from './system.js';

/** What the connection leaves to the client. */
export interface ConnectionHooks {
  /** A handshake succeeded: renew subscriptions and served channels on the link. */
  ready(link: Link): void;
  /** A message for the application (not a response, not a `system` message). */
  received(link: Link, message: Message): void;
  /** A response, before the request it answers is settled (the acknowledgement of a subscribe answers none). */
  responded(message: Message): void;
  /** Reconnecting gave up. */
  gaveUp(): void;
}

/**
 * The connection to the server: opening it, its handshake, requests waiting for responses, `system` messages,
 * the heartbeat, and reconnecting after a loss.
 */
export class Connection {
  link: Link | null = null;
  status: ConnectionStatus = 'disconnected';
  readonly pending = new PendingRequests();
  readonly backoff: ReconnectBackoff;
  private readonly heartbeat: Heartbeat;
  private connecting: Promise<void> | null = null;
  private closedByUser = false;
  private everConnected = false;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly events: ClientEventEmitter,
    private readonly hooks: ConnectionHooks,
  ) {
    this.backoff = new ReconnectBackoff(options);
    this.heartbeat = new Heartbeat(options.heartbeatInterval, options.heartbeatTimeout, {
      currentLink: () => this.link,
      ping: (timeout) => this.exchange(SYSTEM, pingPayload(), { timeout }),
      reportError: (error) => this.events.reportError(error),
    });
  }

  /** See `BaseClient.connect`. */
  async connect(): Promise<void> {
    if (this.status === 'connected') {
      return;
    }
    if (this.connecting) {
      await this.connecting;
      return;
    }
    this.closedByUser = false;
    this.backoff.cancel();
    this.status = 'connecting';
    this.connecting = this.openLink();
    try {
      await this.connecting;
    } catch (error) {
      if (this.status === 'connecting') {
        this.status = 'disconnected';
      }
      this.events.reportError(error);
      throw error;
    } finally {
      this.connecting = null;
    }
  }

  /** Closes the link and stops reconnecting; waiting requests fail. Returns whether the client was connected. */
  close(): boolean {
    this.closedByUser = true;
    this.backoff.cancel();
    this.heartbeat.stop();
    const link = this.link;
    const wasConnected = this.status === 'connected';
    this.status = 'closed';
    if (link) {
      link.ready = false;
      link.handshake?.reject(new ConnectionClosedError('Client disconnected'));
      link.handshake = undefined;
      link.transport?.close();
      link.transport = null;
    }
    this.pending.failAll(new ConnectionClosedError('Client disconnected'));
    return wasConnected;
  }

  private openLink(): Promise<void> {
    const link = newLink();
    this.link = link;
    return handshake(link, this.options, {
      onFrame: (text) => this.onFrame(link, text),
      onClose: (error) => this.onLinkClosed(link, error),
      isCurrent: () => this.link === link,
      onReady: () => this.onLinkReady(link),
    });
  }

  private onLinkReady(link: Link): void {
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.backoff.reset();
    this.status = 'connected';
    this.hooks.ready(link);
    this.heartbeat.start();
    this.events.fire('connected', { connectionId: link.connectionId, reconnected });
  }

  private onLinkClosed(link: Link, error?: Error): void {
    if (link.handshake) {
      link.handshake.reject(closedDuringHandshake(error));
      return;
    }
    if (this.link !== link || !link.ready) {
      return;
    }
    link.ready = false;
    link.transport = null;
    this.heartbeat.stop();
    this.pending.failAll(new ConnectionClosedError(error ? `Connection lost: ${error.message}` : 'Connection closed'));
    const willReconnect = !this.closedByUser && this.options.reconnect && this.options.reconnectAttempts > 0;
    this.status = willReconnect ? 'reconnecting' : 'disconnected';
    this.events.fire('disconnected', { error, willReconnect });
    if (willReconnect) {
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.closedByUser) {
      return;
    }
    if (this.backoff.exhausted) {
      this.status = 'disconnected';
      this.hooks.gaveUp();
      this.events.reportError(
        new IpcError(ClientErrorCode.RECONNECT_FAILED, `Gave up reconnecting after ${this.backoff.attempt} attempts`),
      );
      return;
    }
    const wait = this.backoff.nextDelay();
    this.status = 'reconnecting';
    this.events.fire('reconnecting', { attempt: this.backoff.attempt, delay: wait });
    this.backoff.schedule(wait, () => this.reconnectNow());
  }

  private reconnectNow(): void {
    if (this.closedByUser) {
      return;
    }
    this.connecting = this.openLink();
    this.connecting.then(
      () => {
        this.connecting = null;
      },
      (error: unknown) => {
        this.connecting = null;
        if (this.closedByUser) {
          return;
        }
        if (error instanceof IpcError && error.code === 'SHUTTING_DOWN') {
          this.backoff.shuttingDown();
        }
        this.scheduleReconnect();
      },
    );
  }

  private onFrame(link: Link, text: string): void {
    // a closed TCP socket is only half-closed: frames the server sent meanwhile still arrive and are dropped
    if (this.link !== link || !link.transport) {
      return;
    }
    let message: Message;
    try {
      message = parseEnvelope(text);
    } catch (error) {
      this.events.reportError(new IpcError(ClientErrorCode.PROTOCOL_ERROR, `Unreadable frame: ${(error as Error).message}`));
      return;
    }
    if (link.handshake) {
      onHandshakeFrame(link, message);
    } else if (message.message_type === MessageType.RESPONSE) {
      this.hooks.responded(message);
      this.pending.settle(message);
    } else if (message.channel_id === SYSTEM) {
      this.onSystem(link, message);
    } else {
      this.hooks.received(link, message);
    }
  }

  private onSystem(link: Link, message: Message): void {
    const notice = readSystemMessage(message);
    switch (notice.kind) {
      case 'ping':
        writeEnvelope(link, notice.reply);
        break;
      case 'drain':
        this.events.fire('drain', { reconnectAfterMs: this.backoff.drain(notice.reconnectAfterMs) });
        break;
      case 'error':
        this.events.reportError(notice.error);
        break;
      case 'message':
        this.events.fire('message', message);
        break;
      case 'ignore':
        break;
    }
  }

  /** Sends an envelope as it is; false when not connected. */
  post(envelope: Envelope): boolean {
    const link = this.link;
    if (!isOpen(link)) {
      return false;
    }
    writeEnvelope(link, envelope);
    return true;
  }

  /** Sends a new message of the type to the channel; false when not connected (nothing is queued). */
  send(channel: string, type: MessageType, payload: unknown): boolean {
    const link = this.link;
    if (!isOpen(link)) {
      return false;
    }
    writeEnvelope(link, new Message({ app_id: this.options.appId, channel_id: channel, message_type: type, payload }).toJSON());
    return true;
  }

  /** Bytes sent and not yet handed to the operating system; 0 when not connected. */
  bufferedAmount(): number {
    const link = this.link;
    return isOpen(link) ? link.transport.bufferedAmount() : 0;
  }

  /** Resolves once no more than `maxBuffered` bytes wait to go out, or the connection is closed. */
  async whenWritable(maxBuffered: number): Promise<void> {
    for (;;) {
      const link = this.link;
      if (!isOpen(link) || link.transport.bufferedAmount() <= maxBuffered) {
        return;
      }
      await link.transport.progress();
    }
  }

  /** Sends a request and waits for the response message. */
  exchange(channel: string, payload: unknown, options: RequestOptions): Promise<Message> {
    const link = this.link;
    if (!isOpen(link)) {
      return Promise.reject(new ConnectionClosedError('Not connected'));
    }
    const timeout = options.timeout ?? this.options.requestTimeout;
    const envelope = new Message({ app_id: this.options.appId, channel_id: channel, message_type: MessageType.REQUEST, payload });
    return this.pending.wait(envelope.message_id, timeout, options.signal, () => {
      const wire: Envelope & { timeout_ms?: number } = envelope.toJSON();
      if (timeout > 0 && Number.isFinite(timeout)) {
        wire.timeout_ms = Math.ceil(timeout);
      }
      writeEnvelope(link, wire as Envelope);
    });
  }
}
