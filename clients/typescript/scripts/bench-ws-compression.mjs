// What a WebSocket client that offers permessage-deflate (every browser, and the `ws` package by default) costs the
// server, next to one that does not: requests answered by one pipelining connection, and memory per idle connection.
//
//   node scripts/bench-ws-compression.mjs ws://127.0.0.1:8080/ipc <server pid> [requests=60000] [idle=1000]
//
// Requests go to a channel without a handler (each is answered with NO_HANDLER, so no handler's work is counted),
// after one unreported run that warms the server up.
// The server's CPU time and resident memory are read from /proc/<pid>; docs/benchmarks.md has results.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const WebSocket = require('ws');

const [url, pid, requests = '60000', idle = '1000'] = process.argv.slice(2);
if (!url || !pid) {
  console.error('usage: node scripts/bench-ws-compression.mjs <ws url> <server pid> [requests] [idle]');
  process.exit(2);
}
const ticks = () => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const envelope = (channel, id, payload) =>
  JSON.stringify({ app_id: 'bench_deflate', channel_id: channel, message_id: id, message_type: 'request', timestamp: 0, payload });

function open(deflate, id) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: deflate });
    ws.once('error', reject);
    ws.once('open', () => ws.send(envelope('system', `c-${id}`, { action: 'connect', connection_id: id })));
    ws.once('message', () => resolve(ws));
  });
}

async function requestRun(deflate) {
  const ws = await open(deflate, `rate-${deflate}-${Date.now()}`);
  const total = Number(requests);
  const pad = 'x'.repeat(200);
  const cpuBefore = ticks();
  const start = Date.now();
  await new Promise((resolve) => {
    let answered = 0;
    ws.on('message', () => ++answered === total && resolve());
    for (let i = 0; i < total; i++) {
      ws.send(envelope('nothing_here', `m${i}`, { i, pad }));
    }
  });
  const seconds = (Date.now() - start) / 1000;
  const serverCpuMs = (ticks() - cpuBefore) * 10;
  ws.close();
  return { extension: ws.extensions || '(none)', seconds, perSecond: Math.round(total / seconds), serverCpuUsPerRequest: Math.round((serverCpuMs * 1000) / total) };
}

async function idleRun(deflate) {
  const count = Number(idle);
  const rssBefore = rssKiB();
  const sockets = [];
  for (let i = 0; i < count; i += 50) {
    const batch = [];
    for (let k = i; k < Math.min(count, i + 50); k++) {
      batch.push(open(deflate, `idle-${deflate}-${k}-${Date.now()}`));
    }
    sockets.push(...(await Promise.all(batch)));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const perConnection = Math.round((rssKiB() - rssBefore) / count);
  sockets.forEach((ws) => ws.close());
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return { idleConnections: count, rssKiBPerConnection: perConnection };
}

// the server's JIT warms up on a first run that is not reported
await requestRun(false);
for (const deflate of [true, false]) {
  const label = deflate ? 'client offers permessage-deflate' : 'client offers no extension';
  console.log(label, JSON.stringify({ ...(await requestRun(deflate)), ...(await idleRun(deflate)) }));
}
process.exit(0);
