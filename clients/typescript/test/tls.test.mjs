// The client over TLS (tcps://) against the real Java service with a TLS TCP port: a key pair and a self-signed
// certificate for localhost made here with the JDK's keytool, the service's SSL bundle reading its PKCS#12 store,
// the client trusting the certificate through the `tls.ca` option.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { connect } from '../dist/esm/index.js';
import { JavaServer } from './support/server.mjs';
import { waitFor } from './support/util.mjs';

const keytool = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'keytool') : 'keytool';

describe('over tcps://', () => {
  let dir;
  let server;
  let ca;
  const clients = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ipc-ts-tls-'));
    const store = path.join(dir, 'server.p12');
    const common = ['-keystore', store, '-storetype', 'PKCS12', '-storepass', 'changeit', '-alias', 'server'];
    const quiet = { stdio: ['ignore', 'pipe', 'pipe'] };
    execFileSync(keytool, ['-genkeypair', ...common, '-keyalg', 'EC', '-groupname', 'secp256r1', '-validity', '1',
      '-dname', 'CN=localhost', '-ext', 'SAN=dns:localhost,ip:127.0.0.1'], quiet);
    ca = execFileSync(keytool, ['-exportcert', '-rfc', ...common], quiet).toString();
    server = await JavaServer.create({
      name: 'tls',
      args: [
        `--spring.ssl.bundle.jks.ipc.keystore.location=file:${store}`,
        '--spring.ssl.bundle.jks.ipc.keystore.password=changeit',
        '--spring.ssl.bundle.jks.ipc.keystore.type=PKCS12',
        '--ipc.tcp.ssl.bundle=ipc',
      ],
    });
  });

  after(async () => {
    for (const client of clients) {
      client.disconnect();
    }
    await server?.stop('SIGKILL');
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const open = async (options = {}) => {
    const client = await connect({
      url: `tcps://localhost:${server.tcpPort}`,
      appId: 'ts_tls',
      heartbeatInterval: 0,
      reconnect: false,
      connectionTimeout: 5000,
      ...options,
    });
    clients.push(client);
    return client;
  };

  test('request/response and publish/subscribe with the certificate trusted through tls.ca', async () => {
    const responder = await open({ tls: { ca } });
    await responder.serve('echo', (payload) => ({ echo: payload }));
    const client = await open({ tls: { ca } });
    const received = [];
    client.subscribe('news', (message) => received.push(message.payload));

    // answered after the server has acted on the subscribe, which the same connection sent first
    assert.deepEqual(await client.request('echo', { n: 1 }), { echo: { n: 1 } });
    assert.equal(responder.publish('news', { headline: 'encrypted' }), true);
    await waitFor(() => received.length === 1, { what: 'the published message' });
    assert.deepEqual(received[0], { headline: 'encrypted' });
  });

  test('a certificate the client does not trust fails the connection', async () => {
    await assert.rejects(open(), /self[- ]signed certificate/i);
  });
});
