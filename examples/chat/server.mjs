// Serves the chat page and the client's browser build (nothing else) on http://localhost:3000.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..', '..', 'clients', 'typescript', 'dist', 'esm');
const port = Number(process.env.PORT ?? 3000);
const wsUrl = process.env.IPC_WS_URL ?? 'ws://localhost:8080/ipc';

if (!existsSync(path.join(dist, 'browser.js'))) {
  console.error(`Build the client first: (cd clients/typescript && npm ci && npm run build)`);
  process.exit(1);
}

http
  .createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname === '/') {
      const page = readFileSync(path.join(here, 'index.html'), 'utf8').replace('__IPC_WS_URL__', wsUrl);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    const file = path.normalize(path.join(dist, pathname.replace(/^\/client\//, '/')));
    if (pathname.startsWith('/client/') && file.startsWith(dist) && existsSync(file)) {
      response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/json' });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404);
    response.end();
  })
  .listen(port, () => console.log(`chat page on http://localhost:${port} (IPC over ${wsUrl})`));
