// Shared by the api-*.test.mjs files: the Java service they run against, and the channels a responder serves.
import { after, before } from 'node:test';

import { connect, IpcError } from '../../dist/esm/index.js';
import { JavaServer } from './server.mjs';
import { sleep } from './util.mjs';

/** Starts the service; the idle timeout makes the server ping silent clients, which the client must answer. */
export function startApiServer(name) {
  return JavaServer.create({ name, args: ['--ipc.connection.idle-timeout=3s'] });
}

/**
 * The service of one test file, started before its tests and stopped after them, and `open`, which connects a
 * client that is closed at the end.
 */
export function apiFile(name) {
  const file = {
    server: undefined,
    clients: [],
    async open(transport, appId = 'api_app', options = {}) {
      const client = await connect({ url: file.server.url(transport), appId, heartbeatInterval: 0, ...options });
      file.clients.push(client);
      return client;
    },
  };
  before(async () => {
    file.server = await startApiServer(name);
  });
  after(async () => {
    for (const client of file.clients) {
      client.disconnect();
    }
    await file.server?.stop('SIGKILL');
  });
  return file;
}

/** Serves the channels the tests send requests to: echo, slow, never, forbidden, broken, numbers. */
export async function serveTestChannels(responder) {
  await responder.serve('echo', (payload, message) => ({ echo: payload, channel: message.channelId }));
  await responder.serve('slow', async (payload) => {
    await sleep(payload.ms);
    return { slept: payload.ms };
  });
  await responder.serve('never', () => new Promise(() => {}));
  await responder.serve('forbidden', () => {
    throw new IpcError('FORBIDDEN', 'not for you');
  });
  await responder.serve('broken', () => {
    throw new Error('it broke');
  });
  await responder.serve('numbers', async (payload) => {
    if (payload.i % 7 === 0) {
      await sleep(Math.random() * 5);
    }
    return { i: payload.i, square: payload.i * payload.i };
  });
}
