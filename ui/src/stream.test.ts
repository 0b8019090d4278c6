import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { StreamConnection, type ConnectionState, type StreamOptions } from './stream';
import captured from './test/fixtures/stream-messages.json';
import type { StreamMessage } from './types';

/** A reset and the first batch of packets, as /api/stream sent them for a replay of dpkt-http.pcap. */
const [reset, batch] = captured as StreamMessage[];

/** A WebSocket server on loopback that hands each connection to the test. */
class StreamServer {
  readonly connections: ServerSocket[] = [];
  /** What each connection's client sent, parsed, from the moment it connected. */
  readonly received: unknown[][] = [];

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      const messages: unknown[] = [];
      socket.on('message', (data) => messages.push(JSON.parse(String(data))));
      this.connections.push(socket);
      this.received.push(messages);
    });
  }

  static start(port = 0): Promise<StreamServer> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({ host: '127.0.0.1', port });
      server.once('listening', () => resolve(new StreamServer(server)));
      server.once('error', reject);
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/api/stream`;
  }

  async connection(index: number): Promise<ServerSocket> {
    await vi.waitFor(() => expect(this.connections.length).toBeGreaterThan(index), { timeout: 10_000 });
    return this.connections[index];
  }

  stop(): Promise<void> {
    this.connections.forEach((socket) => socket.terminate());
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** What a test started, stopped after it. */
const streams: StreamConnection[] = [];
const servers: StreamServer[] = [];
const serve = async (port?: number) => {
  const server = await StreamServer.start(port);
  servers.push(server);
  return server;
};

type Delays = Pick<StreamOptions, 'minDelayMs' | 'maxDelayMs'>;

/** A connection that records what it reports. */
function connect(url: string, delays: Delays = { minDelayMs: 20, maxDelayMs: 80 }) {
  const states: (ConnectionState & { at: number })[] = [];
  const messages: StreamMessage[] = [];
  const opens: boolean[] = [];
  const stream = new StreamConnection({
    url,
    ...delays,
    onState: (state) => states.push({ ...state, at: Date.now() }),
    onMessage: (message) => messages.push(message),
    onOpen: (reconnected) => opens.push(reconnected),
  });
  streams.push(stream);
  return { stream, states, messages, opens, kinds: () => states.map((state) => state.kind) };
}

const until = (condition: () => void) => vi.waitFor(condition, { timeout: 10_000, interval: 10 });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client whose first connection the server has dropped: it is waiting to reconnect. */
async function dropped(delays?: Delays) {
  const server = await serve();
  const client = connect(server.url, delays);
  (await server.connection(0)).close(1001, 'server stopping');
  await until(() => expect(client.kinds()).toContain('waiting'));
  return { server, client };
}

afterEach(async () => {
  streams.splice(0).forEach((stream) => stream.close());
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('StreamConnection', () => {
  it('delivers each message parsed, in order', async () => {
    const server = await serve();
    const client = connect(server.url);
    const socket = await server.connection(0);
    await until(() => expect(client.opens).toEqual([false]));
    socket.send(JSON.stringify(reset));
    socket.send(JSON.stringify(batch));
    await until(() => expect(client.messages).toHaveLength(2));
    expect(client.messages).toEqual([reset, batch]);
    expect(client.kinds()).toEqual(['connecting', 'open']);
  });

  it('ignores a message that is not JSON and keeps the stream', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = await serve();
    const client = connect(server.url);
    const socket = await server.connection(0);
    socket.send('{"type":"packets", "packets": [');
    socket.send(JSON.stringify(batch));
    await until(() => expect(client.messages).toEqual([batch]));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(client.kinds()).toEqual(['connecting', 'open']);
    expect(server.connections).toHaveLength(1);
  });

  it('waits and reconnects when the server closes, and tells the page it reconnected', async () => {
    const { server, client } = await dropped();
    const again = await server.connection(1);
    await until(() => expect(client.opens).toEqual([false, true]));

    expect(client.states.map(({ at: _at, ...state }) => state)).toEqual([
      { kind: 'connecting', attempt: 0 },
      { kind: 'open' },
      { kind: 'waiting', attempt: 1, retryAt: expect.any(Number), reason: 'server stopping' },
      { kind: 'connecting', attempt: 1 },
      { kind: 'open' },
    ]);
    again.send(JSON.stringify(batch));
    await until(() => expect(client.messages).toEqual([batch]));
  });

  it('backs off twice as long after each failed attempt, up to the ceiling, then connects', async () => {
    const gone = await serve();
    const port = gone.port;
    await gone.stop();
    servers.splice(0);

    // The clock stands still (timers still run), so a wait is exactly its retryAt less the time it was reported.
    vi.useFakeTimers({ toFake: ['Date'] });
    const client = connect(`ws://127.0.0.1:${port}/api/stream`, { minDelayMs: 100, maxDelayMs: 250 });
    await until(() => expect(client.states.filter((state) => state.kind === 'waiting').length).toBeGreaterThanOrEqual(4));
    const waits = client.states.flatMap((state) => (state.kind === 'waiting' ? [state] : [])).slice(0, 4);
    expect(waits.map((state) => [state.attempt, state.reason])).toEqual([
      [1, 'connection lost'], [2, 'connection lost'], [3, 'connection lost'], [4, 'connection lost'],
    ]);
    // With jitter, each wait lies between half its ceiling and the ceiling: 100, 200, then 250 ms.
    [100, 200, 250, 250].forEach((ceiling, index) => {
      const wait = waits[index].retryAt - waits[index].at;
      expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
      expect(wait).toBeLessThanOrEqual(ceiling);
    });

    const server = await serve(port);
    await server.connection(0);
    await until(() => expect(client.opens).toEqual([false]));
    expect(client.states[client.states.length - 1].kind).toBe('open');
  });

  it('reconnects at once when asked, rather than at the end of the wait', async () => {
    const { server, client } = await dropped({ minDelayMs: 60_000, maxDelayMs: 60_000 });
    client.stream.reconnectNow();
    await server.connection(1);
    await until(() => expect(client.opens).toEqual([false, true]));
  });

  it('stops reconnecting once closed while waiting', async () => {
    const { server, client } = await dropped({ minDelayMs: 20, maxDelayMs: 20 });
    client.stream.close();
    // Five times the longest wait: a reconnection would have come by now.
    await pause(100);
    expect(server.connections).toHaveLength(1);
    expect(client.kinds()).toEqual(['connecting', 'open', 'waiting']);
  });

  it('asks for the page\'s display filter on every connection, and when it changes', async () => {
    const { server, client } = await dropped();
    const again = await server.connection(1);
    await until(() => expect(client.opens).toEqual([false, true]));
    client.stream.setFilter('tcp.port == 443');
    client.stream.setFilter('');
    const none = { type: 'filter', filter: '' };
    await until(() => expect(server.received[1]).toEqual([none, { type: 'filter', filter: 'tcp.port == 443' }, none]));
    expect(server.received[0]).toEqual([none]);

    // A page with a filter asks for it again after a reconnection.
    client.stream.setFilter('dns');
    again.close(1001, 'server stopping');
    await server.connection(2);
    await until(() => expect(server.received[2]).toEqual([{ type: 'filter', filter: 'dns' }]));
  });

  it('closes its socket and stays closed once closed while open', async () => {
    const server = await serve();
    const client = connect(server.url, { minDelayMs: 20, maxDelayMs: 20 });
    const socket = await server.connection(0);
    await until(() => expect(client.opens).toEqual([false]));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    client.stream.close();
    await closed;
    await pause(100);
    expect(server.connections).toHaveLength(1);
    expect(client.kinds()).toEqual(['connecting', 'open']);
  });
});
