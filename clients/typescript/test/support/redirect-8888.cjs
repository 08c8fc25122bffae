// Preloaded (node --require) into the original examples: they connect to localhost:8888, the documented default;
// the test service listens on a free port, so TCP connections to port 8888 go to $IPC_EXAMPLE_TCP_PORT instead.
const net = require('node:net');
const { syncBuiltinESMExports } = require('node:module');

const target = Number(process.env.IPC_EXAMPLE_TCP_PORT);
if (target) {
  const redirect = (original) =>
    function (...args) {
      if (args[0] && typeof args[0] === 'object' && Number(args[0].port) === 8888) {
        args[0] = { ...args[0], port: target, host: '127.0.0.1' };
      } else if (Number(args[0]) === 8888) {
        args[0] = target;
        if (typeof args[1] === 'string') {
          args[1] = '127.0.0.1';
        }
      }
      return original.apply(this, args);
    };
  net.connect = redirect(net.connect);
  net.createConnection = redirect(net.createConnection);
  syncBuiltinESMExports();
}
