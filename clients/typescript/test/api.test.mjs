// Every API call of the client, over TCP and over WebSocket, against the real Java service.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  ConnectionClosedError,
  connect,
  IPCClient,
  IpcClient,
  IpcError,
  Message,
  RequestTimeoutError,
  Subscription,
} from '../dist/esm/index.js';
import { JavaServer } from './support/server.mjs';
import { collector, nextEvent, Proxy, settle, sleep, waitFor } from './support/util.mjs';

let server;
const clients = [];

/** A connected client that the file closes at the end. */
async function open(transport, appId = 'api_app', options = {}) {
  const client = await connect({ url: server.url(transport), appId, heartbeatInterval: 0, ...options });
  clients.push(client);
  return client;
}

before(async () => {
  // the idle timeout makes the server ping silent clients; the client must answer them
  server = await JavaServer.create({ name: 'api', args: ['--ipc.connection.idle-timeout=3s'] });
});

after(async () => {
  for (const client of clients) {
    client.disconnect();
  }
  await server?.stop('SIGKILL');
});

for (const transport of ['tcp', 'ws']) {
  describe(`over ${transport}`, () => {
    let responder;
    const app = `api_${transport}`;

    before(async () => {
      responder = await open(transport, app);
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
    });

    test('connect({url, appId, token}) resolves a connected client', async () => {
      const client = await connect({ url: server.url(transport), appId: app, token: 'secret-token', heartbeatInterval: 0 });
      clients.push(client);
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
          ? { host: '127.0.0.1', port: server.tcpPort }
          : { url: server.wsUrl };
      const client = new IPCClient(app, { ...options, connectionTimeout: 20000, reconnectAttempts: 5, reconnectDelay: 2000, heartbeatInterval: 30000 });
      clients.push(client);
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

    test('subscribe with a handler, publish, unsubscribe', async () => {
      const subscriber = await open(transport, app);
      const publisher = await open(transport, app);
      const news = collector();
      const marks = collector();
      const subscription = subscriber.subscribe('news', news);
      assert.ok(subscription instanceof Subscription);
      subscriber.subscribe('marks', marks);
      assert.deepEqual(subscriber.getConnectionInfo().subscribedChannels.sort(), ['marks', 'news']);
      await settle(subscriber);
      assert.equal(publisher.publish('news', { title: 'first' }), true);
      await waitFor(() => news.messages.length === 1, { what: 'the publish' });
      const message = news.messages[0];
      assert.equal(message.message_type, 'publish');
      assert.equal(message.messageType, 'publish');
      assert.equal(message.app_id, app);
      assert.deepEqual(message.payload, { title: 'first' });

      assert.equal(subscriber.unsubscribe('news'), true);
      assert.equal(subscriber.unsubscribe('news'), false);
      assert.equal(subscription.active, false);
      await settle(subscriber);
      publisher.publish('news', { title: 'second' });
      publisher.publish('marks', { mark: 1 });
      // same publisher, so 'news' would have arrived before 'marks'
      await waitFor(() => marks.messages.length === 1, { what: 'the mark' });
      assert.equal(news.messages.length, 1);
      assert.deepEqual(subscriber.getConnectionInfo().subscribedChannels, ['marks']);
    });

    test('async iterators: for await over a subscription; break unsubscribes', async () => {
      const subscriber = await open(transport, app);
      const publisher = await open(transport, app);
      const feed = subscriber.subscribe('feed');
      const other = subscriber.subscribe('feed');
      await settle(subscriber);
      for (let i = 0; i < 5; i++) {
        publisher.publish('feed', { i });
      }
      const seen = [];
      for await (const message of feed) {
        seen.push(message.payload.i);
        if (seen.length === 5) {
          break;
        }
      }
      assert.deepEqual(seen, [0, 1, 2, 3, 4]);
      assert.equal(feed.active, false);
      // the other subscription to the channel keeps it subscribed
      assert.deepEqual(subscriber.getConnectionInfo().subscribedChannels, ['feed']);
      assert.deepEqual((await other.next()).payload, { i: 0 });
      other.unsubscribe();
      assert.deepEqual(subscriber.getConnectionInfo().subscribedChannels, []);
      // disconnect ends a waiting iterator
      const last = subscriber.subscribe('feed');
      const ended = (async () => {
        const received = [];
        for await (const message of last) {
          received.push(message);
        }
        return received;
      })();
      await sleep(20);
      subscriber.disconnect();
      assert.deepEqual(await ended, []);
    });

    test('notify sends a one-way message; publish and notify return false when not connected', async () => {
      const client = await open(transport, app);
      const errors = [];
      client.onError((error) => errors.push(error));
      assert.equal(client.notify('events', { type: 'user_action', userId: 'user123', action: 'login' }), true);
      await settle(client);
      assert.deepEqual(errors, []);
      client.disconnect();
      assert.equal(client.publish('news', {}), false);
      assert.equal(client.notify('events', {}), false);
      await assert.rejects(client.sendRequest('echo', {}), (error) => error instanceof ConnectionClosedError);
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

    test('server pings are answered: a silent client outlives the idle timeout', async () => {
      const client = await open(transport, app);
      let disconnected = false;
      client.onDisconnected(() => {
        disconnected = true;
      });
      // idle timeout 3 s: the server pings after 1.5 s of silence and closes after 3 s without an answer
      await sleep(4500);
      assert.equal(disconnected, false);
      assert.equal(client.connected, true);
      assert.equal(await client.healthCheck(), true);
    });

    test('a dead connection: the heartbeat notices, outstanding requests fail at once, the client reconnects and resubscribes', async () => {
      const proxy = await new Proxy(transport === 'tcp' ? server.tcpPort : server.httpPort).listen();
      try {
        const url = transport === 'tcp' ? `tcp://127.0.0.1:${proxy.port}` : `ws://127.0.0.1:${proxy.port}/ipc`;
        const client = await connect({
          url,
          appId: app,
          heartbeatInterval: 250,
          heartbeatTimeout: 500,
          reconnectDelay: 100,
          maxReconnectDelay: 500,
          reconnectAttempts: Infinity,
          connectionTimeout: 2000,
        });
        clients.push(client);
        const errors = [];
        client.onError((error) => errors.push(error));
        const alerts = collector();
        client.subscribe('alerts', alerts);
        await settle(client);
        const firstId = client.connectionId;
        const outstanding = client.request('never', {}, { timeout: 120000 });
        outstanding.catch(() => {});
        const disconnected = nextEvent(client, 'disconnected', 20000);
        proxy.freeze();
        const info = await disconnected;
        assert.equal(info.willReconnect, true);
        await assert.rejects(outstanding, (error) => error instanceof ConnectionClosedError && error.code === 'CONNECTION_CLOSED');
        assert.ok(errors.some((error) => error.code === 'HEARTBEAT_TIMEOUT'), 'a HEARTBEAT_TIMEOUT error was reported');
        assert.equal(client.connected, false);
        const reconnected = nextEvent(client, 'connected', 30000);
        proxy.thaw();
        assert.equal((await reconnected).reconnected, true);
        assert.notEqual(client.connectionId, firstId);
        await settle(client);
        const publisher = await open(transport, app);
        publisher.publish('alerts', { level: 'high' });
        await waitFor(() => alerts.messages.length === 1, { what: 'the publish after resubscribing' });
        assert.deepEqual(alerts.payloads(), [{ level: 'high' }]);
        client.disconnect();
      } finally {
        await proxy.close();
      }
    });

    if (transport === 'tcp') {
      test('frames that arrive split and coalesced are read right', async () => {
        const proxy = await new Proxy(server.tcpPort, { rechunk: true }).listen();
        try {
          const client = await connect({ url: `tcp://127.0.0.1:${proxy.port}`, appId: app, heartbeatInterval: 0 });
          clients.push(client);
          const burst = collector();
          client.subscribe('burst', burst);
          await settle(client);
          const results = await Promise.all(
            Array.from({ length: 300 }, (_, i) => client.request('echo', { i, text: '\u00e9'.repeat(i) })),
          );
          results.forEach((result, i) => assert.equal(result.echo.i, i));
          const publisher = await open(transport, app);
          for (let i = 0; i < 200; i++) {
            publisher.publish('burst', { i, pad: 'x'.repeat(i * 10) });
          }
          await waitFor(() => burst.messages.length === 200, { what: '200 publishes' });
          assert.deepEqual(burst.payloads().map((p) => p.i), Array.from({ length: 200 }, (_, i) => i));
          client.disconnect();
        } finally {
          await proxy.close();
        }
      });
    }
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
