// The seed documentation's React hook (its README, "Integration Examples", "React Hook"), word for word between the
// markers: `useState`, `useEffect` and `IPCClient` come from the page (the UMD bundles' globals), as an import would
// bring them in an application. `new IPCClient(appId)` connects to the browser default, ws://<page host>:8080/ipc.
// --- seed: begin ---
const useIPCClient = (appId: string) => {
  const [client] = useState(() => new IPCClient(appId));
  const [connected, setConnected] = useState(false);
  
  useEffect(() => {
    client.onConnected(() => setConnected(true));
    client.onDisconnected(() => setConnected(false));
    client.connect();
    return () => client.disconnect();
  }, []);
  
  return { client, connected };
};
// --- seed: end ---
