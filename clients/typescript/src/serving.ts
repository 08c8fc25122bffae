import { IpcError } from './errors.js';
import type { Message } from './message.js';
import type { RequestHandler, Service } from './options.js';
import { servePayload, unservePayload } from './system.js';

interface ServeEntry {
  handler: RequestHandler<any, any>;
  group?: string;
}

/** What serving needs from the client. */
export interface ServingHooks {
  /** Sends a `system` request; resolves with the response payload. */
  system(payload: Record<string, unknown>): Promise<unknown>;
  connected(): boolean;
}

/** The channels this client serves (through the server's `serve` action) and their handlers. */
export class ServedChannels {
  private readonly entries = new Map<string, ServeEntry>();

  constructor(private readonly hooks: ServingHooks) {}

  channelNames(): string[] {
    return [...this.entries.keys()];
  }

  handlerFor(channelId: string): RequestHandler<any, any> | undefined {
    return this.entries.get(channelId)?.handler;
  }

  /** Serves the channel now if connected, else at the next connect; see `BaseClient.serve`. */
  async serve(channelId: string, handler: RequestHandler<any, any>, group?: string): Promise<Service> {
    this.entries.set(channelId, { handler, group });
    if (this.hooks.connected()) {
      try {
        await this.hooks.system(servePayload(channelId, group));
      } catch (error) {
        this.entries.delete(channelId);
        throw error;
      }
    }
    return {
      channel: channelId,
      stop: async () => {
        if (this.entries.get(channelId)?.handler !== handler) {
          return;
        }
        this.entries.delete(channelId);
        if (this.hooks.connected()) {
          await this.hooks.system(unservePayload(channelId));
        }
      },
    };
  }

  /** After a (re)connect: serves every channel again; a refusal goes to `onError`. */
  renewAll(onError: (error: unknown) => void): void {
    for (const [channel, entry] of this.entries) {
      this.hooks.system(servePayload(channel, entry.group)).catch(onError);
    }
  }
}

/**
 * Answers one request with the handler: its value (or its promise's) is the response payload, `undefined` sent as
 * null; an error it throws is sent as `{"error": {"code", "message"}}` (an IpcError's code, else `HANDLER_ERROR`).
 * `respond` sends the response if the connection the request came on is still open.
 */
export function answer(request: Message, handler: RequestHandler<any, any>, respond: (response: Message) => void): void {
  let result: unknown;
  try {
    result = handler(request.payload, request);
  } catch (error) {
    result = Promise.reject(error);
  }
  Promise.resolve(result).then(
    (value) => respond(request.createResponse(value === undefined ? null : value)),
    (error: unknown) => {
      const code = error instanceof IpcError ? error.code : 'HANDLER_ERROR';
      const text = error instanceof Error ? error.message : String(error);
      respond(request.createResponse({ error: { code, message: text } }));
    },
  );
}
