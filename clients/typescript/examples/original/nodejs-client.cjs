// The Node.js client's documentation (v1.1.1+): CommonJS, the constructor with every option, and its members.
const { IPCClient } = require('@ifesol/ipc-framework-nodejs');

const client = new IPCClient('my_app', {
  host: 'localhost', port: 8888,
  connectionTimeout: 10000,   // ms
  reconnectAttempts: 5,
  reconnectDelay: 2000,       // ms
  heartbeatInterval: 30000    // ms
});

async function main() {
  client.onConnected(() => console.log('connected'));
  client.onDisconnected(() => console.log('disconnected'));
  client.onError((error) => console.error('error:', error.message));

  const ok = await client.connect();
  console.log('connect() ->', ok);
  console.log('connected:', client.connected, 'id:', typeof client.connectionId);
  console.log('healthCheck() ->', await client.healthCheck());

  const response = await client.sendRequest('messages', {
    text: 'Hello from Node.js',
    connection_id: client.connectionId
  }, 5000);
  console.log('response:', JSON.stringify(response.payload));

  client.subscribe('updates', (message) => console.log('update:', JSON.stringify(message.payload)));
  client.publish('updates', { version: 2 });
  client.notify('events', { type: 'user_action', action: 'login' });
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const info = client.getConnectionInfo();
  console.log('info:', info.status, info.subscribedChannels.join(','));
  client.unsubscribe('updates');

  try {
    await client.sendRequest('slow', {}, 200);
  } catch (error) {
    console.log('timeout ->', error.message);
  }
  client.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
