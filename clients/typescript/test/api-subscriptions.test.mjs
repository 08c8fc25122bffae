// Subscriptions over TCP and over WebSocket against the real Java service: handlers, publish, unsubscribe, async
// iterators, notify, and a publisher held back by a subscriber that is behind (whenWritable).
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';

import { encodeFrame, FrameDecoder } from '../dist/esm/framing.js';
import { ConnectionClosedError, connect, Subscription } from '../dist/esm/index.js';
import { apiFile } from './support/api.mjs';
import { collector, settle, sleep, waitFor } from './support/util.mjs';

const file = apiFile('api-subscriptions');
const { open } = file;

for (const transport of ['tcp', 'ws']) {
  describe(`over ${transport}`, () => {
    const app = `api_${transport}`;

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

    test('whenWritable: a publisher that is held back buffers little, and its subscriber gets everything', async () => {
      const publisher = await open(transport, app);
      const subscriber = await rawSubscriber(file.server.tcpPort, app, 'held');
      subscriber.socket.pause();
      // megabytes more than the server's buffer and the sockets' hold together
      const total = 60000;
      const pad = 'x'.repeat(300);
      const bound = 64 * 1024;
      let maxBuffered = 0;
      let sent = 0;
      const publishing = (async () => {
        for (let i = 0; i < total; i++) {
          assert.equal(publisher.publish('held', { i, pad }), true);
          maxBuffered = Math.max(maxBuffered, publisher.bufferedAmount);
          await publisher.whenWritable(bound);
          sent++;
        }
      })();
      // behind, not stalled: the server's stall timeout is 2 s
      await sleep(1000);
      const sentWhileBehind = sent;
      subscriber.socket.resume();
      await publishing;
      const received = await subscriber.payloads(total);

      assert.ok(sentWhileBehind < total, `the publisher was held back (${sentWhileBehind} of ${total} sent)`);
      assert.ok(maxBuffered >= bound / 2, `the publisher's socket filled (${maxBuffered} bytes buffered at most)`);
      assert.ok(maxBuffered <= bound + 1024, `no more than the bound and a message buffered (${maxBuffered})`);
      assert.deepEqual(received.map((payload) => payload.i), [...Array(total).keys()]);
      subscriber.socket.destroy();
    });
  });
}

/**
 * A subscriber on a raw TCP socket, whose reading the test can pause: it answers the server's pings, and
 * `payloads(n)` resolves with the payloads of the first `n` messages on the channel, in order.
 */
async function rawSubscriber(port, appId, channel) {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const decoder = new FrameDecoder(1024 * 1024);
  const payloads = [];
  const replies = new Map();
  let waiting = null;
  const send = (envelope) => socket.write(encodeFrame(JSON.stringify({ app_id: appId, message_id: `m${Math.random()}`, timestamp: Date.now() / 1000, ...envelope })));
  socket.on('data', (chunk) => {
    for (const frame of decoder.push(chunk)) {
      const message = JSON.parse(frame.toString('utf8'));
      if (message.channel_id === 'system' && message.message_type === 'request' && message.payload?.action === 'ping') {
        send({ channel_id: 'system', message_type: 'response', reply_to: message.message_id, payload: { status: 'pong' } });
      } else if (message.channel_id === channel && message.message_type === 'publish') {
        payloads.push(message.payload);
      } else if (replies.has(message.reply_to)) {
        replies.get(message.reply_to)(message);
      }
      if (waiting && payloads.length >= waiting.count) {
        waiting.resolve(payloads.slice(0, waiting.count));
        waiting = null;
      }
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const exchange = (envelope) => new Promise((resolve) => {
    replies.set(envelope.message_id, resolve);
    send(envelope);
  });
  const id = `raw-${Math.random().toString(16).slice(2)}`;
  await exchange({ message_id: 'connect', channel_id: 'system', message_type: 'request', payload: { action: 'connect', connection_id: id } });
  send({ channel_id: channel, message_type: 'subscribe', payload: { connection_id: id } });
  // handled in order: once the ping is answered, the subscription is in place
  await exchange({ message_id: 'sync', channel_id: 'system', message_type: 'request', payload: { action: 'ping' } });
  return {
    socket,
    payloads(count) {
      return new Promise((resolve, reject) => {
        waiting = { count, resolve };
        if (payloads.length >= count) {
          resolve(payloads.slice(0, count));
        }
        socket.once('close', () => reject(new Error(`closed after ${payloads.length} of ${count} messages`)));
      });
    },
  };
}
