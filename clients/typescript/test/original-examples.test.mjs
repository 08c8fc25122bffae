// The examples of the original client's documentation (examples/original), run unchanged against the service.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { connect } from '../dist/esm/index.js';
import { JavaServer, packageRoot } from './support/server.mjs';

const run = promisify(execFile);
const examples = path.join(packageRoot, 'examples', 'original');
let server;
const services = [];

before(async () => {
  // both of the original's package names resolve to this package
  const scope = path.join(examples, 'node_modules', '@ifesol');
  rmSync(scope, { recursive: true, force: true });
  mkdirSync(scope, { recursive: true });
  for (const name of ['ipc-framework-js', 'ipc-framework-nodejs']) {
    symlinkSync(path.relative(scope, packageRoot), path.join(scope, name), 'dir');
  }
  server = await JavaServer.create({ name: 'examples' });
  // what the original Python server's demo handlers did, as Node services answering through the Java service
  const myApp = await connect({ url: server.tcpUrl, appId: 'my_app', heartbeatInterval: 0 });
  await myApp.serve('messages', (payload) => ({ echo: payload }));
  await myApp.serve('slow', () => new Promise(() => {}));
  const webApi = await connect({ url: server.wsUrl, appId: 'web_api', heartbeatInterval: 0 });
  await webApi.serve('api', (payload) =>
    payload.action === 'get_users' ? { users: [{ id: 1, name: 'Ada' }, { id: 2, name: 'Linus' }] } : { error: { code: 'BAD_REQUEST', message: 'unknown action' } },
  );
  webApi.subscribe('announcements', (message) => {
    webApi.publish('notifications', { re: message.payload.title, text: 'announcement received' });
  });
  await webApi.healthCheck();
  services.push(myApp, webApi);
});

after(async () => {
  services.forEach((s) => s.disconnect());
  await server?.stop('SIGKILL');
  rmSync(path.join(examples, 'node_modules'), { recursive: true, force: true });
});

async function example(file) {
  const { stdout, stderr } = await run(
    process.execPath,
    ['--require', path.join(packageRoot, 'test', 'support', 'redirect-8888.cjs'), path.join(examples, file)],
    { cwd: examples, timeout: 60000, env: { ...process.env, IPC_EXAMPLE_TCP_PORT: String(server.tcpPort) } },
  );
  return { stdout, stderr };
}

test('quick example (ESM, @ifesol/ipc-framework-js)', async () => {
  const { stdout } = await example('quick-example.mjs');
  assert.match(stdout, /Server response: \{\s*echo: \{\s*text: 'Hello from JavaScript!',\s*connection_id: '[0-9a-f-]{36}'/);
});

test('request/response', async () => {
  const { stdout } = await example('request-response.mjs');
  assert.match(stdout, /users: \[/);
  assert.match(stdout, /Ada/);
});

test('publish/subscribe', async () => {
  const { stdout } = await example('publish-subscribe.mjs');
  assert.match(stdout, /Notification: \{ re: 'System Update', text: 'announcement received' \}/);
});

test('notifications', async () => {
  const { stdout } = await example('notifications.mjs');
  assert.match(stdout, /Notification sent/);
});

test('error handling: an answer, then NO_HANDLER as an error', async () => {
  const { stdout, stderr } = await example('error-handling.mjs');
  assert.match(stdout, /Response: \{ users:/);
  assert.match(stderr, /Request failed: no request handler for app 'web_api' channel 'nobody_home'/);
});

test('resource management', async () => {
  const { stdout } = await example('resource-management.mjs');
  assert.match(stdout, /Healthy: true/);
});

test('connection monitoring', async () => {
  const { stdout } = await example('connection-monitoring.mjs');
  assert.match(stdout, /✅ Connected[\s\S]* Disconnected/);
});

test('the Node.js client (CommonJS, @ifesol/ipc-framework-nodejs, every option)', async () => {
  const { stdout } = await example('nodejs-client.cjs');
  const expected = [
    /connected/,
    /connect\(\) -> true/,
    /connected: true id: string/,
    /healthCheck\(\) -> true/,
    /response: \{"echo":\{"text":"Hello from Node.js","connection_id":"[0-9a-f-]{36}"\}\}/,
    /update: \{"version":2\}/,
    /info: connected updates/,
    /timeout -> Request timeout/,
    /disconnected/,
  ];
  for (const line of expected) {
    assert.match(stdout, line);
  }
});

test("the repository's examples/node-service answers requests through the service", async () => {
  const { spawn } = await import('node:child_process');
  const service = spawn(process.execPath, [path.join(packageRoot, '..', '..', 'examples', 'node-service', 'service.mjs')], {
    env: { ...process.env, IPC_URL: server.wsUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      let out = '';
      service.stdout.on('data', (data) => {
        out += data;
        if (out.includes('serving chat/history')) resolve();
      });
      service.on('exit', (code) => reject(new Error(`the service exited (${code}): ${out}`)));
    });
    const chat = await connect({ url: server.tcpUrl, appId: 'chat', heartbeatInterval: 0 });
    services.push(chat);
    assert.match((await chat.request('time', {})).now, /^\d{4}-\d\d-\d\dT/);
    chat.publish('room', { nick: 'ada', text: 'hello' });
    let history = [];
    for (let i = 0; i < 100 && history.length === 0; i++) {
      history = await chat.request('history', { limit: 5 });
      if (history.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(history.map(({ nick, text }) => ({ nick, text })), [{ nick: 'ada', text: 'hello' }]);
  } finally {
    service.kill('SIGTERM');
  }
});
