// The browser build in headless Chromium (Debian's, driven by playwright-core; nothing downloaded): the page
// loads dist/esm/browser.js from a static server of this test and talks to the Java service over WebSocket.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { connect } from '../dist/esm/index.js';
import { JavaServer, packageRoot } from './support/server.mjs';

const chromiumPath = process.env.IPC_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.join(packageRoot, 'test-artifacts');
const esm = path.join(packageRoot, 'dist', 'esm');
let server;
let web;
let webPort;
let nodeClient;
let profile;
let context;

/** Serves the test page at / and the ESM build under /dist/esm/. */
function staticServer() {
  const page = readFileSync(path.join(packageRoot, 'test', 'browser', 'page.html'));
  return http.createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    if (pathname === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    const file = path.normalize(path.join(packageRoot, pathname));
    if (pathname.startsWith('/dist/esm/') && file.startsWith(esm) && existsSync(file)) {
      response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/json' });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404);
    response.end();
  });
}

/** The modules the browser entry loads, following its relative imports; all must be relative. */
function browserModuleGraph() {
  const seen = new Set();
  const bare = [];
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) {
        visit(path.resolve(path.dirname(file), specifier));
      } else {
        bare.push(`${path.relative(esm, file)}: ${specifier}`);
      }
    }
  };
  visit(path.join(esm, 'browser.js'));
  return { files: [...seen].map((f) => path.relative(esm, f)), bare };
}

before(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install Debian's 'chromium' package or set IPC_CHROMIUM`);
  }
  mkdirSync(artifacts, { recursive: true });
  // the page comes from this test's own server, another origin than the service's: allowed by name
  server = await JavaServer.create({ name: 'browser', args: ['--ipc.websocket.allowed-origins=http://127.0.0.1:[*]'] });
  nodeClient = await connect({ url: server.tcpUrl, appId: 'browser_app', heartbeatInterval: 0 });
  web = staticServer();
  await new Promise((resolve) => web.listen(0, '127.0.0.1', resolve));
  webPort = web.address().port;
  profile = mkdtempSync(path.join(tmpdir(), 'ipc-ts-chromium-'));
});

after(async () => {
  await context?.close().catch(() => {});
  nodeClient?.disconnect();
  await new Promise((resolve) => (web ? web.close(resolve) : resolve()));
  await server?.stop('SIGKILL');
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the browser build imports nothing but its own modules', () => {
  const { files, bare } = browserModuleGraph();
  assert.deepEqual(bare, []);
  assert.ok(!files.some((f) => f.includes('tcp') || f.includes('framing')), files.join(', '));
});

test('in headless Chromium: connect over WebSocket, request, subscribe, publish, error codes, the original API', async () => {
  const chat = [];
  nodeClient.subscribe('chat', (message) => chat.push(message.payload));
  await nodeClient.serve('echo', (payload) => {
    // answering the page's first request also says hello on the chat, which the page is subscribed to
    if (payload.n === 42) nodeClient.publish('chat', { from: 'node', text: 'hello from Node' });
    return { echo: payload, served_by: 'node' };
  });
  await nodeClient.healthCheck();

  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 900, height: 520 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const log = [];
  const requested = [];
  page.on('console', (message) => log.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => log.push(`[pageerror] ${error.message}`));
  page.on('request', (request) => requested.push(request.url()));
  try {
    await page.goto(`http://127.0.0.1:${webPort}/?ws=${encodeURIComponent(server.wsUrl)}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60000 });
    const result = await page.evaluate(() => window.__result);
    await page.screenshot({ path: path.join(artifacts, 'browser.png'), fullPage: true });
    assert.equal(result.error, undefined, `the page failed: ${result.error}\n${log.join('\n')}`);
    assert.equal(result.connected, true);
    assert.deepEqual(result.answer, { echo: { text: 'ping from the browser', n: 42 }, served_by: 'node' });
    assert.deepEqual(
      result.chat.map((m) => m.from).sort(),
      ['browser', 'node'],
    );
    assert.equal(result.errorCode, 'NO_HANDLER');
    assert.equal(result.legacyAnswer.echo.text, 'from IPCClient');
    assert.equal(result.legacyHealthy, true);
    assert.equal(result.legacyConnectedCalls, 1);
    assert.deepEqual(chat, [{ from: 'browser', text: 'hello from the page' }, { from: 'node', text: 'hello from Node' }]);
    for (const url of requested) {
      assert.ok(url.startsWith(`http://127.0.0.1:${webPort}/`), `unexpected request ${url}`);
    }
  } finally {
    writeFileSync(path.join(artifacts, 'browser-console.log'), log.join('\n') + '\n');
  }
});
