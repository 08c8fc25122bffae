// A Node.js service that answers requests through the Java service: `history` and `time` in the app `chat`.
import { connect } from '../../clients/typescript/dist/esm/index.js';

const url = process.env.IPC_URL ?? 'tcp://localhost:8888';
const history = [];

const client = await connect({ url, appId: 'chat', reconnectAttempts: Infinity });
client.on('connected', ({ reconnected }) => reconnected && console.log('reconnected as', client.connectionId));
client.on('disconnected', ({ willReconnect }) => console.log('disconnected; reconnecting:', willReconnect));
client.on('drain', ({ reconnectAfterMs }) => console.log(`the server is going away; back in ${reconnectAfterMs} ms`));
client.onError((error) => console.error('error:', error.code ?? '', error.message));

// keep the room's last 50 messages
client.subscribe('room', (message) => {
  history.push({ ...message.payload, at: message.timestamp });
  history.splice(0, history.length - 50);
});

// answer requests: the return value is the response payload; a thrown IpcError reaches the caller with its code
await client.serve('history', ({ limit = 20 } = {}) => history.slice(-Math.min(Math.max(1, limit), 50)));
await client.serve('time', () => ({ now: new Date().toISOString(), served_by: client.connectionId }));

console.log(`serving chat/history and chat/time through ${url} as ${client.connectionId}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    client.disconnect();
    process.exit(0);
  });
}
