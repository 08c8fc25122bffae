// The seed README's "Communication Patterns: 1. Request/Response", JavaScript Client.
import { IPCClient } from '@ifesol/ipc-framework-js';

const client = new IPCClient('web_api');
await client.connect();

// --- documented lines
const response = await client.sendRequest('api', { action: 'get_users' });
console.log(response?.payload);
// ---

client.disconnect();
