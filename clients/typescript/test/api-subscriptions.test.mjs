// Subscriptions over TCP and over WebSocket against the real Java service: handlers, publish, unsubscribe, async
// iterators, notify.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

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
  });
}
