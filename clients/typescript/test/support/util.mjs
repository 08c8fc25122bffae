import net from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition()` is truthy, polling; fails after `timeoutMs` with `what`. */
export async function waitFor(condition, { timeoutMs = 30000, interval = 20, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(interval);
  }
}

/** Resolves with the arguments of the next `event` a client emits. */
export function nextEvent(client, event, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on(event, (value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/**
 * A barrier: the server handles one connection's frames in order, so once a ping sent after earlier frames is
 * answered, those frames (subscribe, unsubscribe, publish...) have been handled.
 */
export async function settle(...clients) {
  for (const client of clients) {
    if (!(await client.healthCheck(20000))) {
      throw new Error('ping unanswered');
    }
  }
}

/** Collects the messages a handler receives. */
export function collector() {
  const messages = [];
  const handler = (message) => messages.push(message);
  handler.messages = messages;
  handler.payloads = () => messages.map((m) => m.payload);
  return handler;
}

/**
 * A TCP proxy in front of the server. `freeze()` stops forwarding in both directions while keeping the sockets open
 * (a dead peer: nothing is closed, nothing arrives); new connections wait until `thaw()`. `drop()` closes the
 * connections through it. With `rechunk`, bytes
 * from the server reach the client split at random points and several writes joined into one, so that frames
 * arrive partial and coalesced.
 */
export class Proxy {
  constructor(targetPort, { rechunk = false } = {}) {
    this.targetPort = targetPort;
    this.rechunk = rechunk;
    this.frozen = false;
    this.pairs = new Set();
    this.waiting = [];
    this.server = net.createServer((client) => this.accept(client));
  }

  listen() {
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => {
        this.port = this.server.address().port;
        resolve(this);
      });
    });
  }

  accept(client) {
    client.on('error', () => {});
    if (this.frozen) {
      this.waiting.push(client);
      return;
    }
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    const pair = { client, upstream, held: [] };
    this.pairs.add(pair);
    upstream.on('error', () => {});
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('data', (data) => {
      if (!this.frozen) {
        upstream.write(data);
      }
    });
    let pending = [];
    let flushTimer = null;
    const flush = () => {
      flushTimer = null;
      let bytes = Buffer.concat(pending);
      pending = [];
      while (bytes.length > 0) {
        const size = Math.min(bytes.length, 1 + Math.floor(Math.random() * 7) + (Math.random() < 0.2 ? 300 : 0));
        client.write(bytes.subarray(0, size));
        bytes = bytes.subarray(size);
      }
    };
    upstream.on('data', (data) => {
      if (this.frozen) {
        return;
      }
      if (!this.rechunk) {
        client.write(data);
        return;
      }
      pending.push(data);
      flushTimer = flushTimer ?? setTimeout(flush, 3);
    });
  }

  freeze() {
    this.frozen = true;
  }

  thaw() {
    this.frozen = false;
    for (const client of this.waiting.splice(0)) {
      this.accept(client);
    }
  }

  /** Closes every connection through the proxy, as a server that went away would; new ones are still taken. */
  drop() {
    for (const pair of [...this.pairs]) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
  }

  close() {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    for (const client of this.waiting) {
      client.destroy();
    }
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
