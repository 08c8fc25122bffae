// The seed README's "Communication Patterns: 2. Publish/Subscribe", JavaScript Client.
import { IPCClient } from '@ifesol/ipc-framework-js';

const client = new IPCClient('web_api');
await client.connect();

// --- documented lines
client.subscribe('notifications', (message) => {
  console.log('Notification:', message.payload);
});

client.publish('announcements', { title: 'System Update' });
// ---

// give the other side time to answer the announcement with a notification, then leave
await new Promise((resolve) => setTimeout(resolve, 3000));
client.disconnect();
