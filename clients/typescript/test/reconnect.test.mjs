// Reconnecting across restarts of the real service: the drain notice on SIGTERM, a crash (SIGKILL), resubscribing
// and serving again afterwards; both transports at once, so that each restart serves both.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ConnectionClosedError, connect } from '../dist/esm/index.js';
import { JavaServer } from './support/server.mjs';
import { collector, nextEvent, settle, waitFor } from './support/util.mjs';

const app = 'reconnect_app';
let server;
const pairs = {};
const all = [];

const reconnecting = {
  reconnectAttempts: Infinity,
  reconnectDelay: 200,
  maxReconnectDelay: 1000,
  heartbeatInterval: 2000,
  connectionTimeout: 5000,
};

async function client(url) {
  const c = await connect({ url, appId: app, ...reconnecting });
  all.push(c);
  c.onError(() => {});
  return c;
}

before(async () => {
  server = await JavaServer.create({
    name: 'reconnect',
    args: ['--ipc.shutdown.reconnect-after=400ms', '--ipc.shutdown.reconnect-jitter=200ms'],
  });
  for (const transport of ['tcp', 'ws']) {
    const url = server.url(transport);
    const responder = await client(url);
    await responder.serve(`calc_${transport}`, (payload) => ({ sum: payload.a + payload.b }));
    await responder.serve(`hang_${transport}`, () => new Promise(() => {}));
    const subscriber = await client(url);
    const handled = collector();
    subscriber.subscribe(`alerts_${transport}`, handled);
    const iterated = subscriber.subscribe(`alerts_${transport}`);
    const publisher = await client(url);
    await settle(subscriber);
    pairs[transport] = { responder, subscriber, publisher, handled, iterated };
  }
});

after(async () => {
  for (const c of all) {
    c.disconnect();
  }
  await server?.stop('SIGKILL');
});

/** Every client is back: it resubscribed, serves again, and messages flow. */
async function assertWorking(round) {
  for (const transport of ['tcp', 'ws']) {
    const { responder, subscriber, publisher, handled, iterated } = pairs[transport];
    await waitFor(() => responder.connected && subscriber.connected && publisher.connected, {
      timeoutMs: 60000,
      what: `the ${transport} clients to reconnect`,
    });
    await settle(subscriber, responder);
    const before = handled.messages.length;
    publisher.publish(`alerts_${transport}`, { round, transport });
    await waitFor(() => handled.messages.length === before + 1, { what: `the ${transport} publish after round ${round}` });
    assert.deepEqual(handled.messages.at(-1).payload, { round, transport });
    let message = await iterated.next();
    while (message.payload.round !== round) {
      message = await iterated.next();
    }
    assert.deepEqual(message.payload, { round, transport });
    assert.deepEqual(await publisher.request(`calc_${transport}`, { a: round, b: 1 }), { sum: round + 1 });
  }
}

test('before any restart, everything works', async () => {
  await assertWorking(0);
});

test('SIGTERM: the drain notice arrives, clients wait reconnect_after_ms, then reconnect to the restarted service', async () => {
  const observed = {};
  for (const transport of ['tcp', 'ws']) {
    const c = pairs[transport].subscriber;
    observed[transport] = {
      drain: nextEvent(c, 'drain', 30000),
      disconnected: nextEvent(c, 'disconnected', 60000),
      reconnecting: nextEvent(c, 'reconnecting', 60000),
    };
  }
  const stopped = server.stop('SIGTERM');
  for (const transport of ['tcp', 'ws']) {
    const { drain, disconnected, reconnecting: first } = observed[transport];
    const notice = await drain;
    assert.ok(notice.reconnectAfterMs >= 400 && notice.reconnectAfterMs <= 600, `reconnect_after_ms ${notice.reconnectAfterMs}`);
    const info = await disconnected;
    assert.equal(info.willReconnect, true);
    // the first attempt waits as long as the server asked
    const attempt = await first;
    assert.equal(attempt.attempt, 1);
    assert.equal(attempt.delay, notice.reconnectAfterMs);
  }
  const status = await stopped;
  assert.ok(status.code === 143 || status.code === 0 || status.signal === 'SIGTERM', JSON.stringify(status));
  const reconnected = ['tcp', 'ws'].map((t) => nextEvent(pairs[t].subscriber, 'connected', 180000));
  await server.start();
  for (const event of await Promise.all(reconnected)) {
    assert.equal(event.reconnected, true);
  }
  await assertWorking(1);
});

test('a crash (SIGKILL): outstanding requests fail at once, clients back off and reconnect, resubscribe and serve again', async () => {
  const outstanding = ['tcp', 'ws'].map((t) => pairs[t].publisher.request(`hang_${t}`, {}, { timeout: 300000 }));
  outstanding.forEach((p) => p.catch(() => {}));
  await settle(pairs.tcp.publisher, pairs.ws.publisher);
  await server.stop('SIGKILL');
  const failedAt = Date.now();
  for (const pending of outstanding) {
    await assert.rejects(pending, (error) => error instanceof ConnectionClosedError && error.code === 'CONNECTION_CLOSED');
  }
  assert.ok(Date.now() - failedAt < 10000, 'outstanding requests failed at once, not at their time-out');
  // while the server is down, calls fail at once too
  await assert.rejects(pairs.tcp.publisher.request(`calc_tcp`, { a: 1, b: 1 }), { code: 'CONNECTION_CLOSED' });
  assert.equal(pairs.tcp.publisher.publish('alerts', {}), false);
  const reconnected = ['tcp', 'ws'].map((t) => nextEvent(pairs[t].responder, 'connected', 180000));
  await server.start();
  await Promise.all(reconnected);
  await assertWorking(2);
});

test('a client that runs out of reconnect attempts gives up with RECONNECT_FAILED and ends its iterators', async () => {
  const c = await connect({
    url: server.tcpUrl,
    appId: app,
    reconnectAttempts: 2,
    reconnectDelay: 50,
    maxReconnectDelay: 100,
    heartbeatInterval: 0,
    transport: undefined,
  });
  all.push(c);
  const feed = c.subscribe('feed');
  const errors = [];
  c.onError((error) => errors.push(error));
  // a server that is gone for good: stop it and keep it down until the client gives up
  await server.stop('SIGKILL');
  await waitFor(() => errors.some((e) => e.code === 'RECONNECT_FAILED'), { timeoutMs: 30000, what: 'RECONNECT_FAILED' });
  assert.equal(await feed.next(), undefined);
  assert.equal(c.getConnectionInfo().status, 'disconnected');
});
