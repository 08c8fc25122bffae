import { ConnectionClosedError } from './errors.js';
import type { Envelope } from './message.js';
import type { Transport } from './transport.js';
import { uuid4 } from './uuid.js';

/** One connection attempt and, once its handshake is done, the open connection. */
export interface Link {
  transport: Transport | null;
  connectionId: string;
  handshakeId: string;
  ready: boolean;
  /** Called while the handshake is under way. */
  handshake?: { resolve(): void; reject(error: Error): void };
}

/** A new link, not yet connected, with fresh connection and handshake ids. */
export function newLink(): Link {
  return { transport: null, connectionId: uuid4(), handshakeId: uuid4(), ready: false };
}

/** Whether the link is past its handshake and still open. */
export function isOpen(link: Link | null): link is Link & { transport: Transport } {
  return !!link && link.ready && !!link.transport;
}

/** Sends one envelope; throws {@link ConnectionClosedError} when the link has no transport. */
export function writeEnvelope(link: Link, envelope: Envelope | (Envelope & { timeout_ms: number })): void {
  if (!link.transport) {
    throw new ConnectionClosedError('Not connected');
  }
  link.transport.send(JSON.stringify(envelope));
}
