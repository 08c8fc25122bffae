// Requests over TCP and over WebSocket against the real Java service: connect, the original constructor,
// sendRequest and request, error codes, time-outs, AbortSignal, serve, 1,000 concurrent requests.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import {
  connect,
  IPCClient,
  IpcClient,
  IpcError,
  Message,
  RequestTimeoutError,
} from '../dist/esm/index.js';
import { apiFile, serveTestChannels } from './support/api.mjs';

const file = apiFile('api-requests');
const { open } = file;

for (const transport of ['tcp', 'ws']) {
  describe(`over ${transport}`, () => {
    const app = `api_${transport}`;

    before(async () => {
      await serveTestChannels(await open(transport, app));
    });

    test('connect({url, appId, token}) resolves a connected client', async () => {
      const client = await connect({ url: file.server.url(transport), appId: app, token: 'secret-token', heartbeatInterval: 0 });
      file.clients.push(client);
      assert.ok(client instanceof IpcClient);
      assert.equal(client.connected, true);
      assert.equal(client.isConnected(), true);
      assert.match(client.connectionId, /^[0-9a-f-]{36}$/);
      const info = client.getConnectionInfo();
      assert.equal(info.connectionId, client.connectionId);
      assert.equal(info.status, 'connected');
      assert.equal(info.appId, app);
      assert.equal(info.transport, transport === 'tcp' ? 'tcp' : 'websocket');
      assert.deepEqual(info.subscribedChannels, []);
    });

    test("the original constructor and callbacks: new IPCClient(appId, options), connect(), onConnected", async () => {
      const options =
        transport === 'tcp'
          ? { host: '127.0.0.1', port: file.server.tcpPort }
          : { url: file.server.wsUrl };
      const client = new IPCClient(app, { ...options, connectionTimeout: 20000, reconnectAttempts: 5, reconnectDelay: 2000, heartbeatInterval: 30000 });
      file.clients.push(client);
      let connectedCalls = 0;
      let disconnectedCalls = 0;
      client.onConnected(() => connectedCalls++);
      client.onDisconnected(() => disconnectedCalls++);
      assert.equal(client.connected, false);
      assert.equal(client.connectionId, null);
      assert.equal(await client.connect(), true);
      assert.equal(connectedCalls, 1);
      assert.equal(await client.healthCheck(), true);
      assert.equal(await client.ping(), true);
      client.disconnect();
      assert.equal(client.connected, false);
      assert.equal(disconnectedCalls, 1);
      assert.equal(client.getConnectionInfo().status, 'closed');
      // a disconnected client connects again (React's effects do this)
      assert.equal(await client.connect(), true);
      assert.equal(connectedCalls, 2);
      client.disconnect();
    });

    test('sendRequest resolves the response message; request resolves its payload', async () => {
      const client = await open(transport, app);
      const response = await client.sendRequest('echo', { text: 'h\u00e9llo \u4e16\u754c \ud83d\ude80', connection_id: client.connectionId });
      assert.ok(response instanceof Message);
      assert.equal(response.message_type, 'response');
      assert.equal(response.channelId, 'echo');
      assert.deepEqual(response.payload.echo, { text: 'h\u00e9llo \u4e16\u754c \ud83d\ude80', connection_id: client.connectionId });
      assert.equal(typeof response.replyTo, 'string');
      const payload = await client.request('echo', [1, 2, 3]);
      assert.deepEqual(payload, { echo: [1, 2, 3], channel: 'echo' });
      assert.deepEqual(await client.sendRequest('slow', { ms: 10 }, 10000).then((m) => m.payload), { slept: 10 });
    });

    test('server error codes reject with IpcError and its code', async () => {
      const client = await open(transport, app);
      await assert.rejects(client.request('nobody_serves_this', {}), (error) => {
        assert.ok(error instanceof IpcError);
        assert.ok(error instanceof Error);
        assert.equal(error.code, 'NO_HANDLER');
        assert.match(error.message, /nobody_serves_this/);
        return true;
      });
      await assert.rejects(client.sendRequest('forbidden', {}), { name: 'IpcError', code: 'FORBIDDEN', message: 'not for you' });
      await assert.rejects(client.request('broken', {}), { code: 'HANDLER_ERROR', message: 'it broke' });
      await assert.rejects(client.request('system', { action: 'no_such_action' }), { code: 'BAD_REQUEST' });
    });

    test("timeouts reject with Error('Request timeout'), code TIMEOUT", async () => {
      const client = await open(transport, app);
      const started = Date.now();
      await assert.rejects(client.sendRequest('never', {}, 300), (error) => {
        assert.ok(error instanceof RequestTimeoutError);
        assert.ok(error instanceof IpcError);
        assert.equal(error.message, 'Request timeout');
        assert.equal(error.code, 'TIMEOUT');
        return true;
      });
      assert.ok(Date.now() - started >= 250);
      await assert.rejects(client.request('never', {}, { timeout: 200 }), { code: 'TIMEOUT' });
      assert.equal(client.getConnectionInfo().pendingRequests, 0);
      // the connection is fine afterwards
      assert.deepEqual((await client.request('echo', 1)).echo, 1);
    });

    test('AbortSignal cancels a request', async () => {
      const client = await open(transport, app);
      const controller = new AbortController();
      const pending = client.request('never', {}, { signal: controller.signal, timeout: 60000 });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(pending, { name: 'AbortError' });
      await assert.rejects(client.request('echo', {}, { signal: AbortSignal.abort() }), { name: 'AbortError' });
      const reason = new Error('changed my mind');
      const second = new AbortController();
      const again = client.request('never', {}, { signal: second.signal });
      second.abort(reason);
      await assert.rejects(again, (error) => error === reason);
      await assert.rejects(client.request('never', {}, { signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' });
      assert.equal(client.getConnectionInfo().pendingRequests, 0);
    });

    test("the original client's way to answer: subscribe to the channel, reply with createResponse", async () => {
      const legacy = await open(transport, app);
      const served = await legacy.sendRequest('system', { action: 'serve', channel_id: 'legacy' });
      assert.equal(served.payload.status, 'serving');
      legacy.subscribe('legacy', (message) => {
        if (message.isRequest()) {
          legacy.sendMessage(message.createResponse({ answered_by: 'legacy', got: message.payload }));
        }
      });
      const requester = await open(transport, app);
      const response = await requester.sendRequest('legacy', { q: 1 });
      assert.deepEqual(response.payload, { answered_by: 'legacy', got: { q: 1 } });
    });

    test('serve() returns a service that stop() unserves', async () => {
      const server2 = await open(transport, app);
      const service = await server2.serve('temp', (payload) => payload * 2);
      assert.equal(service.channel, 'temp');
      assert.deepEqual(server2.getConnectionInfo().servedChannels, ['temp']);
      const requester = await open(transport, app);
      assert.equal(await requester.request('temp', 21), 42);
      await service.stop();
      await assert.rejects(requester.request('temp', 1), { code: 'NO_HANDLER' });
    });

    test('1,000 concurrent requests are each matched to their own response', async () => {
      const client = await open(transport, app);
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => client.request('numbers', { i }, { timeout: 60000 })),
      );
      results.forEach((result, i) => assert.deepEqual(result, { i, square: i * i }));
      assert.equal(client.getConnectionInfo().pendingRequests, 0);
    });
  });
}

test('connect() to a port nobody listens on rejects with an IpcError', async () => {
  const client = new IpcClient({ url: 'tcp://127.0.0.1:1', appId: 'x' });
  await assert.rejects(client.connect(), (error) => error instanceof IpcError && error.code === 'CONNECTION_CLOSED');
  assert.equal(client.connected, false);
});

test('an unsupported URL scheme is refused', async () => {
  const client = new IpcClient({ url: 'http://127.0.0.1:1', appId: 'x' });
  await assert.rejects(client.connect(), { code: 'UNSUPPORTED_TRANSPORT' });
});
