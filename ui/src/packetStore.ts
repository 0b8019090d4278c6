import type { PacketPage } from './api';
import type { PacketSummary } from './types';

/** Fetches summaries after a frame number (exclusive): the server's /api/packets. */
export type PageLoader = (after: number, limit: number) => Promise<PacketPage>;

export const DEFAULT_ROW_LIMIT = 20_000;
const PAGE = 1_000;

const numberOf = (packet: PacketSummary) => packet['frame.number'];

/**
 * The packet summaries the browser holds: a window of at most {@code limit} rows, sorted by
 * frame number, over the server's history. While the window is at the newest packet
 * ("attached") live batches extend it; once the user scrolls back far enough to need older
 * rows, the window moves there, live rows are only counted, and scrolling down (or jumping to
 * the newest) fetches them again. Mutations bump {@link version} and tell the subscribers;
 * live batches change the rows array in place, so readers compare versions, not arrays.
 */
export class PacketStore {
  private held: PacketSummary[] = [];
  /** The newest frame number the server has told of. */
  newest = 0;
  /** The oldest frame number still in the server's history. */
  oldest = 1;
  attached = true;
  /** Summaries the stream could not deliver to this browser (it fell behind). */
  streamDropped = 0;
  source = '';
  version = 0;
  private listeners = new Set<() => void>();
  private loading = false;

  constructor(private readonly load: PageLoader, readonly limit = DEFAULT_ROW_LIMIT) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    this.version++;
    this.listeners.forEach((listener) => listener());
  }

  /** The rows held, oldest first. */
  get rows(): readonly PacketSummary[] {
    return this.held;
  }

  get first(): number {
    return this.rows.length ? numberOf(this.rows[0]) : 0;
  }

  get last(): number {
    return this.rows.length ? numberOf(this.rows[this.rows.length - 1]) : 0;
  }

  /** Packets newer than the window that the browser does not hold. */
  get missingNewer(): number {
    return Math.max(0, this.newest - Math.max(this.last, this.oldest - 1));
  }

  /** Packets older than the window that the server still has. */
  get missingOlder(): number {
    return this.rows.length ? Math.max(0, this.first - this.oldest) : 0;
  }

  /** A live batch. {@code following}: the user watches the newest rows, so old ones may go. */
  addLive(packets: readonly PacketSummary[], following: boolean) {
    if (!packets.length) return;
    this.newest = Math.max(this.newest, numberOf(packets[packets.length - 1]));
    if (!this.attached) {
      this.changed();
      return;
    }
    if (!following && this.rows.length + packets.length > this.limit) {
      // Keeping the user's rows in place matters more than holding the newest ones.
      this.attached = false;
      this.changed();
      return;
    }
    if (numberOf(packets[0]) > this.last) {
      // The usual batch, newer than every row: appended in place. Copying the whole window
      // twice for every batch (forty a second at 10,000 packets a second) made 12 MB a second
      // of garbage.
      for (const packet of packets) this.held.push(packet);
    } else {
      this.insert(packets);
    }
    if (this.held.length > this.limit) this.held.splice(0, this.held.length - this.limit);
    this.changed();
  }

  /** What the server's status says of its history. */
  setHistory(oldest: number, newest: number) {
    if (newest < this.last) {
      // The server's numbering went back: it was restarted, or a new source began.
      this.clear();
    }
    this.oldest = Math.max(1, oldest);
    this.newest = Math.max(this.newest, newest);
    // Rows the server has since forgotten stay: the user may be reading them.
    this.changed();
  }

  noteDropped(count: number) {
    this.streamDropped += count;
    this.changed();
  }

  /** A new capture or replay began: numbering starts again. */
  reset(source: string) {
    this.clear();
    this.source = source;
    this.changed();
  }

  private clear() {
    this.held = [];
    this.newest = 0;
    this.oldest = 1;
    this.attached = true;
    this.streamDropped = 0;
  }

  /** Fetches the page before the window; the number of rows added at its top. */
  async loadOlder(): Promise<number> {
    if (this.loading || !this.missingOlder) return 0;
    const before = this.first;
    const after = Math.max(this.oldest - 1, before - PAGE - 1);
    const page = await this.fetch(after, before - 1 - after);
    if (!page) return 0;
    const older = page.packets.filter((row) => numberOf(row) < before);
    this.insert(older);
    if (this.rows.length > this.limit) {
      this.held = this.rows.slice(0, this.limit);
      this.attached = false;
    }
    this.changed();
    return older.length;
  }

  /** Fetches the page after a detached window; the number of rows dropped from its top. */
  async loadNewer(): Promise<number> {
    if (this.loading || this.attached) return 0;
    const page = await this.fetch(this.last, PAGE);
    if (!page) return 0;
    this.insert(page.packets);
    const removed = Math.max(0, this.rows.length - this.limit);
    if (removed) this.held = this.rows.slice(removed);
    if (this.last >= this.newest) this.attached = true;
    this.changed();
    return removed;
  }

  /** Drops the window and holds the newest page instead, attached again. */
  async jumpToNewest() {
    const page = await this.fetch(Math.max(this.oldest - 1, this.newest - PAGE), PAGE);
    if (!page) return;
    this.held = [];
    this.attached = true;
    this.insert(page.packets);
    this.changed();
  }

  /** After a reconnection: fetch what the stream could not deliver while it was down. */
  async catchUp() {
    if (!this.attached) return;
    const page = await this.fetch(this.last, PAGE);
    if (!page) return;
    if (page.newest < this.last || page.newest - this.last > PAGE) {
      // Restarted (numbering went back), or too much missed to fetch: start from the newest.
      this.clear();
      this.newest = page.newest;
      this.oldest = Math.max(1, page.oldest);
      await this.jumpToNewest();
      return;
    } else {
      this.insert(page.packets);
    }
    this.newest = Math.max(this.newest, page.newest);
    this.oldest = page.oldest;
    this.changed();
  }

  private async fetch(after: number, limit: number): Promise<PacketPage | null> {
    if (limit <= 0) return null;
    this.loading = true;
    try {
      const page = await this.load(Math.max(0, after), limit);
      this.newest = Math.max(this.newest, page.newest);
      this.oldest = Math.max(1, page.oldest);
      return page;
    } finally {
      this.loading = false;
    }
  }

  /** Adds rows keeping frame order, each number once; live batches always land at the end. */
  private insert(packets: readonly PacketSummary[]) {
    if (!packets.length) return;
    const rows = this.rows;
    if (!rows.length || numberOf(packets[0]) > this.last) {
      this.held = rows.concat(packets);
    } else if (numberOf(packets[packets.length - 1]) < this.first) {
      this.held = packets.concat(rows);
    } else {
      const byNumber = new Map<number, PacketSummary>();
      for (const row of rows) byNumber.set(numberOf(row), row);
      for (const row of packets) byNumber.set(numberOf(row), row);
      this.held = [...byNumber.values()].sort((a, b) => numberOf(a) - numberOf(b));
    }
  }
}
