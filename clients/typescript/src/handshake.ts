import { ClientErrorCode, ConnectionClosedError, errorFromPayload, IpcError } from './errors.js';
import { MessageType, type Message } from './message.js';
import { writeEnvelope, type Link } from './link.js';
import type { ResolvedOptions } from './options.js';
import { isObject, SYSTEM } from './system.js';

/** What the connection does for a link while and after it opens. */
export interface HandshakeHooks {
  /** One frame received on the link. */
  onFrame(text: string): void;
  /** The link's transport closed. */
  onClose(error?: Error): void;
  /** Whether the link is still the connection's current one (else a late transport is dropped). */
  isCurrent(): boolean;
  /** The handshake succeeded; called before the returned promise resolves. */
  onReady(): void;
}

/**
 * Opens the link's transport and sends the `system` connect request. Resolves once the server answers
 * `connected`; rejects with an {@link IpcError} when the server cannot be reached, refuses, or takes longer than
 * `connectionTimeout`. The answer arrives through {@link onHandshakeFrame}.
 */
export function handshake(link: Link, options: ResolvedOptions, hooks: HandshakeHooks): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      fail(new IpcError(ClientErrorCode.CONNECTION_TIMEOUT, `Connection timeout (${options.connectionTimeout} ms)`));
    }, options.connectionTimeout);
    const fail = (error: Error) => {
      if (done) {
        return;
      }
      done = true;
      clearTimeout(timer);
      link.handshake = undefined;
      const transport = link.transport;
      link.transport = null;
      transport?.destroy();
      reject(error);
    };
    link.handshake = {
      resolve: () => {
        if (done) {
          return;
        }
        done = true;
        clearTimeout(timer);
        link.handshake = undefined;
        link.ready = true;
        hooks.onReady();
        resolve();
      },
      reject: fail,
    };
    options
      .createTransport(
        options.url,
        { onMessage: (text) => hooks.onFrame(text), onClose: (error) => hooks.onClose(error) },
        { tls: options.tls, maxFrameSize: options.maxFrameSize },
      )
      .then(
        (transport) => {
          if (done || !hooks.isCurrent()) {
            transport.destroy();
            return;
          }
          link.transport = transport;
          const payload: Record<string, unknown> = { action: 'connect', connection_id: link.connectionId };
          if (options.token !== undefined) {
            payload.token = options.token;
          }
          if (options.recover) {
            // positions on publishes and acknowledgements of subscribes, which the original clients cannot read
            payload.capabilities = ['offsets'];
          }
          writeEnvelope(link, {
            message_id: link.handshakeId,
            app_id: options.appId,
            channel_id: SYSTEM,
            message_type: MessageType.REQUEST,
            payload,
            timestamp: Date.now() / 1000,
            reply_to: null,
          });
        },
        (error: unknown) => fail(error instanceof IpcError ? error : unreachable(options.url, error)),
      );
  });
}

function unreachable(url: URL, error: unknown): IpcError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectionClosedError(`Cannot connect to ${url.href}: ${reason}`);
}

/** A frame received during the handshake: the server's answer to the connect request settles it. */
export function onHandshakeFrame(link: Link, message: Message): void {
  if (message.channel_id !== SYSTEM) {
    return;
  }
  const error = errorFromPayload(message.payload);
  if (error) {
    link.handshake?.reject(error);
    return;
  }
  const payload = message.payload;
  if (
    message.message_type === MessageType.RESPONSE &&
    isObject(payload) &&
    payload.status === 'connected' &&
    (message.reply_to === null || message.reply_to === link.handshakeId)
  ) {
    if (typeof payload.connection_id === 'string' && payload.connection_id) {
      link.connectionId = payload.connection_id;
    }
    link.handshake?.resolve();
  }
}

/** The error a link closed during its handshake fails with. */
export function closedDuringHandshake(error?: Error): ConnectionClosedError {
  return new ConnectionClosedError(`Connection closed during the handshake${error ? `: ${error.message}` : ''}`);
}
