// The seed README's "Best Practices: Resource Management".
import { IPCClient } from '@ifesol/ipc-framework-js';

// --- documented lines
// Always cleanup connections
const client = new IPCClient('my_app');
try {
  await client.connect();
  // Use client...
  console.log('Healthy:', await client.healthCheck());
} finally {
  client.disconnect();
}
// ---
