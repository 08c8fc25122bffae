// The browser builds in headless Chromium (Debian's, driven by playwright-core; nothing downloaded), against the Java
// service over WebSocket: the ESM build (dist/esm/browser.js), the UMD bundle from one <script> tag, the seed
// documentation's React hook with React's own UMD bundles, and the README's Vue block with Vue's global build. The
// pages come from a static server of this test.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';
import ts from 'typescript';
import WebSocket from 'ws';

import { connect } from '../dist/esm/index.js';
import { fencedBlocks } from './support/documentation.mjs';
import { JavaServer, packageRoot } from './support/server.mjs';

const chromiumPath = process.env.IPC_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.join(packageRoot, 'test-artifacts');
const pages = path.join(packageRoot, 'test', 'browser');
const esm = path.join(packageRoot, 'dist', 'esm');
let server;
let web;
let webPort;
let nodeClient;
let profile;
let context;
let readmeVue;

/** Files served as they are, by URL prefix. */
const staticTrees = ['/dist/esm/', '/dist/umd/', '/node_modules/react/umd/', '/node_modules/react-dom/umd/', '/node_modules/vue/dist/'];

/** The test pages, by URL path. */
function testPage(pathname) {
  switch (pathname) {
    case '/':
      return readFileSync(path.join(pages, 'page.html'), 'utf8');
    case '/umd.html':
      return readFileSync(path.join(pages, 'umd.html'), 'utf8');
    case '/umd-min.html':
      return readFileSync(path.join(pages, 'umd.html'), 'utf8').replace('/dist/umd/ipc-client.js', '/dist/umd/ipc-client.min.js');
    case '/react.html':
      return readFileSync(path.join(pages, 'react.html'), 'utf8');
    case '/vue.html':
      return readFileSync(path.join(pages, 'vue.html'), 'utf8');
    default:
      return undefined;
  }
}

/** /react/NAME.js: test/browser/react/NAME.ts or .tsx compiled to a plain script (types stripped, JSX to React.createElement). */
function reactScript(pathname) {
  const match = /^\/react\/([\w-]+)\.js$/.exec(pathname);
  const source = match && [`${match[1]}.ts`, `${match[1]}.tsx`].map((name) => path.join(pages, 'react', name)).find(existsSync);
  if (!source) return undefined;
  const compilerOptions = { target: ts.ScriptTarget.ES2020, jsx: ts.JsxEmit.React };
  return ts.transpileModule(readFileSync(source, 'utf8'), { fileName: source, compilerOptions }).outputText;
}

/**
 * The README's Vue block (the one whose `compile only` marker names test/browser/vue.html) as a classic script for a
 * page without a bundler: types stripped, `import { a, b } from 'vue'` read from the global `Vue` and the client's
 * import from `IPCFramework` (the UMD bundles' globals), `export` dropped. Nothing else of the block changes.
 */
function readmeVueScript() {
  const readme = path.join(packageRoot, 'README.md');
  const found = fencedBlocks(readme, readFileSync(readme, 'utf8')).filter((block) => block.compileOnly?.includes('test/browser/vue.html'));
  assert.equal(found.length, 1, 'README.md has one block marked <!-- compile only: ... test/browser/vue.html -->');
  const compilerOptions = { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext };
  const globals = { vue: 'Vue', '@ipcframework/client': 'IPCFramework' };
  const script = ts
    .transpileModule(found[0].text, { fileName: 'vue-block.ts', compilerOptions })
    .outputText.replace(/^import \{([\w\s,]+)\} from '([^']+)';$/gm, (line, names, from) => {
      assert.ok(globals[from], `no global for ${line}`);
      return `const {${names}} = ${globals[from]};`;
    })
    .replace(/^export (?=function |const |class )/gm, '');
  assert.doesNotMatch(script, /^\s*(import|export)\b/m, `an import or export left in the Vue block:\n${script}`);
  return script;
}

/** Serves the test pages, the React scripts compiled on request, and the builds and React's UMD files as they are. */
function staticServer() {
  return http.createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    const page = testPage(pathname);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    const script = pathname === '/vue/readme.js' ? readmeVue : reactScript(pathname);
    if (script !== undefined) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(script);
      return;
    }
    if (pathname === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    const file = path.normalize(path.join(packageRoot, pathname));
    const tree = staticTrees.find((prefix) => pathname.startsWith(prefix));
    if (tree && file.startsWith(path.join(packageRoot, tree)) && existsSync(file)) {
      response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/json' });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404);
    response.end();
  });
}

/** A new tab that records its console, its errors and every URL it requests. */
async function openPage() {
  const page = await context.newPage();
  const log = [];
  const requested = [];
  page.on('console', (message) => log.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => log.push(`[pageerror] ${error.message}`));
  page.on('request', (request) => requested.push(request.url()));
  return { page, log, requested };
}

/**
 * Sends the page's WebSocket to ws://127.0.0.1:8080/ipc (the browser build's default for a page on 127.0.0.1) on to
 * this test's service, which listens on a port of its own: code that relies on the default runs unchanged.
 */
async function routeDefaultUrlToService(page) {
  const routed = [];
  const closedByPage = [];
  await page.routeWebSocket('ws://127.0.0.1:8080/ipc', (route) => {
    routed.push(route.url());
    const upstream = new WebSocket(server.wsUrl, { origin: `http://127.0.0.1:${webPort}` });
    const early = [];
    upstream.on('open', () => early.splice(0).forEach((message) => upstream.send(message)));
    upstream.on('message', (data, isBinary) => route.send(isBinary ? data : data.toString()));
    upstream.on('close', () => route.close().catch(() => {}));
    upstream.on('error', () => route.close().catch(() => {}));
    route.onMessage((message) => (upstream.readyState === WebSocket.OPEN ? upstream.send(message) : early.push(message)));
    route.onClose(() => {
      closedByPage.push(route.url());
      upstream.close();
    });
  });
  return { routed, closedByPage };
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
  await nodeClient.serve('echo', (payload) => {
    // answering the first page's first request also says hello on the chat, which that page is subscribed to
    if (payload.n === 42) nodeClient.publish('chat', { from: 'node', text: 'hello from Node' });
    return { echo: payload, served_by: 'node' };
  });
  await nodeClient.healthCheck();
  profile = mkdtempSync(path.join(tmpdir(), 'ipc-ts-chromium-'));
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
  const { page, log, requested } = await openPage();
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
    await page.close();
  }
});

for (const [bundle, pagePath] of [['ipc-client.js', '/umd.html'], ['ipc-client.min.js', '/umd-min.html']]) {
  test(`the UMD bundle dist/umd/${bundle} from one <script> tag: the IPCFramework global connects, requests, subscribes`, async () => {
    const { page, log, requested } = await openPage();
    const name = path.basename(bundle, '.js');
    try {
      await page.goto(`http://127.0.0.1:${webPort}${pagePath}?ws=${encodeURIComponent(server.wsUrl)}`);
      await page.waitForFunction(() => window.__subscribed || window.__result, null, { timeout: 60000 });
      // published until it arrives: the subscription may reach the service a moment after the page says it is there
      for (let i = 0; i < 100 && !(await page.evaluate(() => window.__result)); i++) {
        nodeClient.publish('news', { headline: 'UMD works' });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60000 });
      const result = await page.evaluate(() => window.__result);
      await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
      assert.equal(result.error, undefined, `the page failed: ${result.error}\n${log.join('\n')}`);
      assert.ok(['IPCClient', 'IpcClient', 'IpcError', 'Message', 'connect'].every((n) => result.exports.includes(n)), result.exports.join(', '));
      assert.equal(result.connected, true);
      assert.deepEqual(result.answer, { echo: { text: 'from the UMD bundle' }, served_by: 'node' });
      assert.deepEqual(result.news, { headline: 'UMD works' });
      assert.equal(result.errorCode, 'NO_HANDLER');
      assert.equal(result.legacyAnswer.echo.text, 'from IPCClient');
      const base = `http://127.0.0.1:${webPort}`;
      assert.deepEqual(
        requested.map((url) => url.replace(/\?.*$/, '')),
        [`${base}${pagePath}`, `${base}/dist/umd/${bundle}`],
      );
    } finally {
      writeFileSync(path.join(artifacts, `${name}-console.log`), log.join('\n') + '\n');
      await page.close();
    }
  });
}

test('the seed documentation\'s React hook useIPCClient, word for word, in React 18 from its UMD bundles', async () => {
  const { page, log } = await openPage();
  try {
    const { routed } = await routeDefaultUrlToService(page);
    await page.goto(`http://127.0.0.1:${webPort}/react.html`);
    await page
      .waitForFunction(() => document.getElementById('answer')?.textContent === 'hello from React', null, { timeout: 60000 })
      .catch((error) => assert.fail(`${error.message}\n${log.join('\n')}`));
    assert.equal(await page.textContent('#status'), 'connected');
    assert.match(await page.textContent('#connection'), /^[0-9a-f-]{36}$/);
    for (let i = 0; i < 100 && (await page.textContent('#tick')) === '…'; i++) {
      nodeClient.publish('ticks', { symbol: 'ACME', price: 42 });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(await page.textContent('#tick'), 'ACME 42');
    await page.screenshot({ path: path.join(artifacts, 'react.png'), fullPage: true });
    assert.deepEqual(routed, ['ws://127.0.0.1:8080/ipc'], 'one WebSocket, to the default address');
    assert.deepEqual(log.filter((line) => line.startsWith('[error]') || line.startsWith('[pageerror]')), []);
  } finally {
    writeFileSync(path.join(artifacts, 'react-console.log'), log.join('\n') + '\n');
    await page.close();
  }
});

test('the README\'s Vue composable useIPC and its component, word for word, in Vue 3 from its global build', async () => {
  readmeVue = readmeVueScript();
  // the block's component uses my_app's channels: a Node service answers its requests and publishes its ticks
  const myApp = await connect({ url: server.tcpUrl, appId: 'my_app', heartbeatInterval: 0 });
  await myApp.serve('echo', (payload) => ({ echo: payload, served_by: 'node' }));
  const { page, log, requested } = await openPage();
  try {
    const { routed, closedByPage } = await routeDefaultUrlToService(page);
    await page.goto(`http://127.0.0.1:${webPort}/vue.html`);
    const answer = JSON.stringify({ echo: { text: 'hello from Vue' }, served_by: 'node' });
    await page
      .waitForFunction((text) => document.getElementById('answer')?.textContent === text, answer, { timeout: 60000 })
      .catch((error) => assert.fail(`${error.message}\n${log.join('\n')}`));
    assert.equal(await page.textContent('#status'), 'connected');
    for (let i = 0; i < 100 && (await page.textContent('#tick')) === '…'; i++) {
      myApp.publish('ticks', { symbol: 'ACME', price: 42 });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(await page.textContent('#tick'), 'ACME 42');
    assert.match(await page.textContent('h1'), /^useIPC in Vue 3\.\d+\.\d+$/);
    await page.screenshot({ path: path.join(artifacts, 'vue.png'), fullPage: true });
    assert.deepEqual(routed, ['ws://127.0.0.1:8080/ipc'], 'one WebSocket, to the default address');
    const base = `http://127.0.0.1:${webPort}`;
    assert.deepEqual(
      requested.map((url) => url.replace(base, '')),
      ['/vue.html', '/node_modules/vue/dist/vue.global.prod.js', '/dist/umd/ipc-client.js', '/vue/readme.js'],
      'the page, then its scripts: nothing else',
    );
    // the composable's onUnmounted disconnects
    await page.evaluate(() => window.__app.unmount());
    for (let i = 0; i < 100 && closedByPage.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(closedByPage, ['ws://127.0.0.1:8080/ipc'], 'unmounting closes the WebSocket');
    assert.equal(await page.textContent('#app'), '');
    assert.deepEqual(log.filter((line) => line.startsWith('[error]') || line.startsWith('[pageerror]')), []);
  } finally {
    writeFileSync(path.join(artifacts, 'vue-console.log'), log.join('\n') + '\n');
    await page.close();
    myApp.disconnect();
  }
});
