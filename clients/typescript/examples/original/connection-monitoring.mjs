// The seed README's "Best Practices: Connection Monitoring".
import { IPCClient } from '@ifesol/ipc-framework-js';

const client = new IPCClient('my_app');

// --- documented lines
client.onConnected(() => console.log('✅ Connected'));
client.onDisconnected(() => console.log(' Disconnected'));
client.onError((error) => console.error(' Error:', error));
// ---

await client.connect();
client.disconnect();
