// The seed README's "Quick Example", JavaScript Client (verbatim).
import { IPCClient } from '@ifesol/ipc-framework-js';

const client = new IPCClient('my_app');
await client.connect();

const response = await client.sendRequest('messages', {
  text: 'Hello from JavaScript!',
  connection_id: client.connectionId
});

console.log('Server response:', response?.payload);
client.disconnect();
