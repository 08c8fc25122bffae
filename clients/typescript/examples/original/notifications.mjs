// The seed README's "Communication Patterns: 3. Notifications", JavaScript Client.
import { IPCClient } from '@ifesol/ipc-framework-js';

const client = new IPCClient('web_api');
await client.connect();

// --- documented lines
// JavaScript Client - One-way message
client.notify('events', {
  type: 'user_action',
  userId: 'user123',
  action: 'login'
});
// ---

console.log('Notification sent');
client.disconnect();
