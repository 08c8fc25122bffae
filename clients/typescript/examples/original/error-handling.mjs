// The seed README's "Best Practices: Error Handling".
import { IPCClient } from '@ifesol/ipc-framework-js';

const client = new IPCClient('web_api');
await client.connect();
const data = { action: 'get_users' };

// --- documented lines
try {
  const response = await client.sendRequest('api', data, 5000);
  if (!response) throw new Error('Request timeout');
  console.log('Response:', response.payload);
} catch (error) {
  console.error('Request failed:', error.message);
}
// ---

// the same code against a channel nobody answers: our server says so at once (NO_HANDLER)
try {
  const response = await client.sendRequest('nobody_home', data, 5000);
  if (!response) throw new Error('Request timeout');
} catch (error) {
  console.error('Request failed:', error.message);
}

client.disconnect();
