// The connection over TCP and over WebSocket against the real Java service: the server's pings, a dead connection
// caught by the heartbeat, frames split and coalesced.
import assert from 'node:assert/strict';
import net from 'node:net';
import { before, describe, test } from 'node:test';

import { ConnectionClosedError, connect } from '../dist/esm/index.js';
import { apiFile, serveTestChannels } from './support/api.mjs';
import { collector, nextEvent, Proxy, settle, sleep, waitFor } from './support/util.mjs';

const file = apiFile('api-connection');
const { open } = file;

for (const transport of ['tcp', 'ws']) {
  describe(`over ${transport}`, () => {
    const app = `api_${transport}`;

    before(async () => {
      await serveTestChannels(await open(transport, app));
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
      const proxy = await new Proxy(transport === 'tcp' ? file.server.tcpPort : file.server.httpPort).listen();
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
        file.clients.push(client);
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
        const proxy = await new Proxy(file.server.tcpPort, { rechunk: true }).listen();
        try {
          const client = await connect({ url: `tcp://127.0.0.1:${proxy.port}`, appId: app, heartbeatInterval: 0 });
          file.clients.push(client);
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

test('a frame that arrives after disconnect() is dropped, not answered on the closed link', async () => {
  // disconnect() half-closes a TCP socket, so the server's ping can still arrive; answering it used to throw
  // ConnectionClosedError('Not connected') outside any caller
  let pingSent;
  const pinged = new Promise((resolve) => (pingSent = resolve));
  const frame = (body) => {
    const bytes = Buffer.from(JSON.stringify(body));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(bytes.length);
    return Buffer.concat([header, bytes]);
  };
  const server = net.createServer((socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (data) => {
      buffered = Buffer.concat([buffered, data]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32BE(0)) {
        const request = JSON.parse(buffered.subarray(4, 4 + buffered.readUInt32BE(0)).toString());
        buffered = buffered.subarray(4 + buffered.readUInt32BE(0));
        if (request.payload?.action === 'connect') {
          socket.write(frame({ message_id: 'h1', app_id: request.app_id, channel_id: 'system', message_type: 'response',
            payload: { status: 'connected', connection_id: request.payload.connection_id }, timestamp: Date.now() / 1000,
            reply_to: request.message_id }));
        }
      }
    });
    socket.on('end', () => {
      socket.end(frame({ message_id: 'p1', app_id: 'late', channel_id: 'system', message_type: 'request',
        payload: { action: 'ping' }, timestamp: Date.now() / 1000, reply_to: null }), pingSent);
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const errors = [];
    const client = await connect({ url: `tcp://127.0.0.1:${server.address().port}`, appId: 'late', heartbeatInterval: 0, reconnect: false });
    client.on('error', (error) => errors.push(error));
    client.disconnect();
    await pinged;
    await sleep(200);
    assert.deepEqual(errors, []);
    assert.equal(client.connected, false);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
