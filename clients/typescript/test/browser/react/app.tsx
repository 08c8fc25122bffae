// A component that uses the seed's hook as its README shows it: the connection state, the answer to a request and
// the latest message of a subscription, all from the service.
function Dashboard() {
  const { client, connected } = useIPCClient('browser_app');
  const [answer, setAnswer] = useState<any>(null);
  const [tick, setTick] = useState<any>(null);

  useEffect(() => {
    if (!connected) return;
    client.subscribe('ticks', (message: any) => setTick(message.payload));
    client.sendRequest('echo', { text: 'hello from React' }).then((response: any) => setAnswer(response.payload));
  }, [connected]);

  return (
    <main>
      <h1>useIPCClient in React {React.version}</h1>
      <p>status: <strong id="status">{connected ? 'connected' : 'disconnected'}</strong></p>
      <p>connection: <code id="connection">{connected ? client.connectionId : '…'}</code></p>
      <p>answer: <code id="answer">{answer ? answer.echo.text : '…'}</code></p>
      <p>tick: <code id="tick">{tick ? `${tick.symbol} ${tick.price}` : '…'}</code></p>
    </main>
  );
}

ReactDOM.createRoot(document.getElementById('root')).render(<Dashboard />);
