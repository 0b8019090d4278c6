import type { StreamMessage, StreamTarget } from './types';

export type ConnectionState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open' }
  | { kind: 'waiting'; attempt: number; retryAt: number; reason: string };

export interface StreamOptions {
  url?: string;
  onMessage: (message: StreamMessage) => void;
  onState: (state: ConnectionState) => void;
  /** Called on every (re)connection, so the page can fetch what it missed. */
  onOpen?: (reconnected: boolean) => void;
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The live stream at /api/stream: reconnects by itself with exponential backoff (with jitter,
 * so many browsers do not all return in the same instant), until {@link close}. It asks the
 * server for this page's display filter on every connection ({@code {"type":"filter"}}, an
 * empty one for none), so the server's answer tells from which frame on the stream is filtered,
 * and for the TCP or UDP stream the page follows, if any, so that it is told as that one grows.
 */
export class StreamConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private everOpened = false;
  private filter = '';
  private following: StreamTarget | null = null;
  private readonly minDelay: number;
  private readonly maxDelay: number;

  constructor(private readonly options: StreamOptions) {
    this.minDelay = options.minDelayMs ?? 500;
    this.maxDelay = options.maxDelayMs ?? 10_000;
    this.connect();
  }

  private connect() {
    if (this.closed) return;
    this.options.onState({ kind: 'connecting', attempt: this.attempt });
    const url = this.options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/stream`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.options.onState({ kind: 'open' });
      this.options.onOpen?.(this.everOpened);
      this.everOpened = true;
      this.sendFilter();
      if (this.following) this.sendFollow();
    };
    socket.onmessage = (event) => {
      let message: StreamMessage;
      try {
        message = JSON.parse(event.data as string) as StreamMessage;
      } catch {
        console.warn('tapdeck: a stream message that is not JSON was ignored');
        return;
      }
      this.options.onMessage(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.retry(event.reason || (event.code === 1006 ? 'connection lost' : `closed (${event.code})`));
    };
  }

  private retry(reason: string) {
    if (this.closed) return;
    this.attempt++;
    const ceiling = Math.min(this.maxDelay, this.minDelay * 2 ** (this.attempt - 1));
    const delay = ceiling / 2 + Math.random() * ceiling / 2;
    this.options.onState({ kind: 'waiting', attempt: this.attempt, retryAt: Date.now() + delay, reason });
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** The display filter the server applies to this page's stream, from now on and after every reconnection. */
  setFilter(filter: string) {
    this.filter = filter;
    this.sendFilter();
  }

  private sendFilter() {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: 'filter', filter: this.filter }));
    }
  }

  /** The stream whose growth the server announces ({@code streamData}), from now on and after every reconnection; null for none. */
  follow(target: StreamTarget | null) {
    this.following = target;
    this.sendFollow();
  }

  private sendFollow() {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(this.following ? { type: 'follow', ...this.following } : { type: 'follow' }));
    }
  }

  /** Try again now rather than at the end of the backoff. */
  reconnectNow() {
    if (this.closed || this.socket) return;
    if (this.timer) clearTimeout(this.timer);
    this.connect();
  }

  close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }
}
