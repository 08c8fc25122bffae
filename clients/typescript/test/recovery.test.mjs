// Recovery after a reconnect against the real Java service with channel history (five messages kept per channel):
// a proxy drops the connection and holds the reconnect back while others publish; then a restart loses the history.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { connect } from '../dist/esm/index.js';
import { JavaServer } from './support/server.mjs';
import { collector, nextEvent, Proxy, settle, waitFor } from './support/util.mjs';

const app = 'recovery_app';
let server;
const clients = [];
const proxies = [];

before(async () => {
  server = await JavaServer.create({ name: 'recovery', args: ['--ipc.history.size=5', '--ipc.presence.enabled=true'] });
});

after(async () => {
  for (const client of clients) {
    client.disconnect();
  }
  for (const proxy of proxies) {
    await proxy.close();
  }
  await server?.stop('SIGKILL');
});

async function open(url, options = {}) {
  const client = await connect({
    url,
    appId: app,
    reconnectAttempts: Infinity,
    reconnectDelay: 100,
    maxReconnectDelay: 500,
    connectionTimeout: 1000,
    heartbeatInterval: 0,
    ...options,
  });
  client.onError(() => {});
  clients.push(client);
  return client;
}

/** A subscriber through a proxy that can drop its connection, and a publisher straight to the server. */
async function subscriberAndPublisher(transport) {
  const proxy = await new Proxy(transport === 'tcp' ? server.tcpPort : server.httpPort).listen();
  proxies.push(proxy);
  const url = transport === 'tcp' ? `tcp://127.0.0.1:${proxy.port}` : `ws://127.0.0.1:${proxy.port}/ipc`;
  return { proxy, subscriber: await open(url), publisher: await open(server.tcpUrl) };
}

async function publish(publisher, channel, ...numbers) {
  for (const n of numbers) {
    assert.equal(publisher.publish(channel, { n }), true);
  }
  await settle(publisher);
}

/** Drops the subscriber's connection and publishes while it cannot come back; returns its `recovery` event. */
async function publishWhileAway(proxy, subscriber, publisher, channel, ...numbers) {
  const disconnected = nextEvent(subscriber, 'disconnected');
  proxy.freeze();
  proxy.drop();
  await disconnected;
  await publish(publisher, channel, ...numbers);
  const recovery = nextEvent(subscriber, 'recovery');
  proxy.thaw();
  return recovery;
}

const channelName = (name) => `${name}-${randomUUID()}`;

for (const transport of ['tcp', 'ws']) {
  describe(`over ${transport}`, () => {
    test('every message missed while disconnected arrives once, in order, then the live ones', async () => {
      const { proxy, subscriber, publisher } = await subscriberAndPublisher(transport);
      const channel = channelName('prices');
      const received = collector();
      subscriber.subscribe(channel, received);
      await settle(subscriber);
      await publish(publisher, channel, 1, 2);
      await waitFor(() => received.messages.length === 2, { what: 'the first two messages' });
      const epoch = received.messages[1].position.epoch;
      assert.deepEqual(subscriber.position(channel), { offset: 2, epoch });

      const recovery = await publishWhileAway(proxy, subscriber, publisher, channel, 3, 4, 5);

      assert.deepEqual(recovery, { channel, recovered: true, offset: 5, epoch, since: { offset: 2, epoch } });
      await publish(publisher, channel, 6);
      await waitFor(() => received.messages.length >= 6, { what: 'the missed and the live messages' });
      await settle(subscriber);
      assert.deepEqual(received.payloads(), [1, 2, 3, 4, 5, 6].map((n) => ({ n })));
      assert.deepEqual(received.messages.map((m) => m.position), [1, 2, 3, 4, 5, 6].map((offset) => ({ offset, epoch })));
      // the position is not part of the envelope
      assert.deepEqual(Object.keys(received.messages[0].toJSON()).sort(),
        ['app_id', 'channel_id', 'message_id', 'message_type', 'payload', 'reply_to', 'timestamp']);
    });

    test('a history that no longer reaches back is reported as not recovered', async () => {
      const { proxy, subscriber, publisher } = await subscriberAndPublisher(transport);
      const channel = channelName('prices');
      const received = collector();
      subscriber.subscribe(channel, received);
      await settle(subscriber);
      await publish(publisher, channel, 1);
      await waitFor(() => received.messages.length === 1, { what: 'the first message' });
      const { epoch } = received.messages[0].position;

      // seven more: the five kept begin after the first one missed
      const recovery = await publishWhileAway(proxy, subscriber, publisher, channel, 2, 3, 4, 5, 6, 7, 8);

      assert.deepEqual(recovery, { channel, recovered: false, offset: 8, epoch, since: { offset: 1, epoch } });
      await publish(publisher, channel, 9);
      await waitFor(() => received.messages.length === 2, { what: 'the live message' });
      assert.deepEqual(received.payloads(), [{ n: 1 }, { n: 9 }]);
      assert.deepEqual(received.messages[1].position, { offset: 9, epoch });
    });
  });
}

test('history pages and presence', async () => {
  const client = await open(server.tcpUrl);
  const channel = channelName('news');
  client.subscribe(channel, () => {});
  await settle(client);
  await publish(client, channel, 1, 2, 3);

  const page = await client.history(channel, { limit: 2 });
  assert.deepEqual(page.messages.map((m) => m.payload.n), [1, 2]);
  const rest = await client.history(channel, { since: page.messages[1] });
  assert.deepEqual(rest.messages.map((m) => m.payload.n), [3]);
  assert.equal(rest.offset, 3);

  const presence = await client.presence(channel);
  assert.equal(presence.count, 1);
  assert.equal(presence.subscribers[0].connection_id, client.connectionId);
});

test('with recover: false the client connects as the original one: no positions', async () => {
  const client = await open(server.tcpUrl, { recover: false });
  const channel = channelName('news');
  const received = collector();
  client.subscribe(channel, received);
  await settle(client);
  await publish(client, channel, 1);
  await waitFor(() => received.messages.length === 1, { what: 'the message' });
  assert.equal(received.messages[0].position, undefined);
  assert.equal(client.position(channel), undefined);
});

test('a restart that lost the history is reported as not recovered, with the new epoch', async () => {
  const client = await open(server.tcpUrl);
  const channel = channelName('news');
  const received = collector();
  client.subscribe(channel, received);
  await settle(client);
  await publish(client, channel, 1);
  await waitFor(() => received.messages.length === 1, { what: 'the message' });
  const before = received.messages[0].position;

  await server.stop('SIGKILL');
  const recovery = nextEvent(client, 'recovery', 180000);
  await server.start();

  const outcome = await recovery;
  assert.equal(outcome.recovered, false);
  assert.deepEqual(outcome.since, before);
  assert.notEqual(outcome.epoch, before.epoch);
  await publish(client, channel, 2);
  await waitFor(() => received.messages.length === 2, { what: 'the live message' });
  assert.deepEqual(received.messages[1].position, { offset: 1, epoch: outcome.epoch });
});
