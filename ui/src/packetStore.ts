import type { PacketPage, PageQuery } from './api';
import type { PacketSummary } from './types';

/** Fetches a page of summaries: the server's /api/packets. */
export type PageLoader = (query: PageQuery) => Promise<PacketPage>;

export const DEFAULT_ROW_LIMIT = 20_000;
const PAGE = 1_000;
/** Asks for the newest page, whatever the newest frame is by now. */
const NEWEST = Number.MAX_SAFE_INTEGER;

const numberOf = (packet: PacketSummary) => packet['frame.number'];

/**
 * The packet summaries the browser holds: a window of at most {@code limit} rows, sorted by
 * frame number, over the server's history, every row passing the display {@link filter}
 * (the server filters both the history's pages and this page's stream). While the window is
 * at the newest packet ("attached") live batches extend it; once the user scrolls back far
 * enough to need older rows, the window moves there, live rows are only counted, and
 * scrolling down (or jumping to the newest) fetches them again.
 *
 * <p>The stream's packets are taken only once the server has said from which frame on it
 * filters them as the store does ({@link streamFiltered}); the packets before that frame
 * come from the history. Mutations bump {@link version} and tell the subscribers; live
 * batches change the rows array in place, so readers compare versions, not arrays.
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
  /** The display filter every row passes; '' for none. */
  filter = '';
  /** Every packet numbered from searchedFrom to searchedTo that passes the filter is held. */
  private searchedFrom = 1;
  private searchedTo = 0;
  /** The frame from which the stream sends what the filter passes; null until the server has said. */
  private streamFrom: number | null = null;
  /** Filters asked of the server and not yet answered: only the answer to the last one counts. */
  private unanswered = 0;
  /** Bumped by every change of filter: a page asked for under an older one is thrown away. */
  private generation = 0;
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

  /** Packets newer than the frames searched, which the browser has not looked at. */
  get missingNewer(): number {
    return Math.max(0, this.newest - Math.max(this.searchedTo, this.oldest - 1));
  }

  /** Packets older than the frames searched that the server still has. */
  get missingOlder(): number {
    return this.searchedTo >= this.searchedFrom ? Math.max(0, this.searchedFrom - this.oldest) : 0;
  }

  /**
   * A new display filter: the rows go, and come again from the history and the stream once
   * the server has applied it to this page's stream ({@link streamFiltered}).
   */
  setFilter(filter: string) {
    this.filter = filter;
    this.generation++;
    this.unanswered++;
    this.streamFrom = null;
    this.clearRows();
    this.changed();
  }

  /** A new connection, which asks for the filter once: its stream is unfiltered until the server answers. */
  connectionOpened() {
    this.streamFrom = null;
    this.unanswered = 1;
  }

  /** The server refused a filter it was asked for: that question is answered, and the stream is not filtered as the store wants. */
  filterRefused() {
    this.unanswered = Math.max(0, this.unanswered - 1);
  }

  /**
   * The server filters this page's stream with {@code filter} from frame {@code from} on: the
   * rows before it are fetched (the newest page, or what the window missed since it last saw
   * the stream), the live ones after it taken as they come.
   */
  async streamFiltered(filter: string, from: number) {
    this.unanswered = Math.max(0, this.unanswered - 1);
    // An answer to an older question: the stream will change again.
    if (this.unanswered > 0 || filter !== this.filter || this.streamFrom !== null) return;
    this.streamFrom = from;
    if (this.held.length && this.attached) {
      await this.catchUp(from);
    } else if (this.attached) {
      this.searchedFrom = from;
      this.searchedTo = from - 1;
      await this.fetchNewest(from);
    }
  }

  /** A live batch. {@code following}: the user watches the newest rows, so old ones may go. */
  addLive(packets: readonly PacketSummary[], following: boolean) {
    if (!packets.length) return;
    const lastNumber = numberOf(packets[packets.length - 1]);
    this.newest = Math.max(this.newest, lastNumber);
    if (this.streamFrom === null || !this.attached) {
      // Filtered as the store no longer (or not yet) filters, or beyond a window scrolled back.
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
    this.searchedTo = Math.max(this.searchedTo, lastNumber);
    this.trimOldest();
    this.changed();
  }

  /** The stream has brought every packet up to {@code through} that passes, or counted it dropped. */
  streamSeenThrough(through: number) {
    if (this.streamFrom !== null && this.attached && through > this.searchedTo && through >= this.streamFrom) {
      this.searchedTo = through;
      this.changed();
    }
  }

  /** What the server's status says of its history. */
  setHistory(oldest: number, newest: number) {
    if (newest < this.last) {
      // The server's numbering went back: it was restarted, or a new source began.
      this.clearRows();
      this.newest = 0;
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

  /** A new capture or replay began: numbering starts again, the stream's filter holds on. */
  reset(source: string) {
    this.clearRows();
    this.newest = 0;
    this.oldest = 1;
    if (this.streamFrom !== null) this.streamFrom = 1;
    this.source = source;
    this.changed();
  }

  private clearRows() {
    this.held = [];
    this.searchedFrom = 1;
    this.searchedTo = 0;
    this.attached = true;
    this.streamDropped = 0;
  }

  /** Fetches the page before the window; the number of rows added at its top. */
  async loadOlder(): Promise<number> {
    if (this.loading || !this.missingOlder) return 0;
    const page = await this.fetch({ before: this.searchedFrom, limit: PAGE });
    if (!page) return 0;
    this.insert(page.packets);
    this.searchedFrom = page.from;
    if (this.rows.length > this.limit) {
      this.held = this.rows.slice(0, this.limit);
      this.searchedTo = this.last;
      this.attached = false;
    }
    this.changed();
    return page.packets.length;
  }

  /** Fetches the page after a detached window; the number of rows dropped from its top. */
  async loadNewer(): Promise<number> {
    if (this.loading || this.attached) return 0;
    const page = await this.fetch({ after: this.searchedTo, limit: PAGE });
    if (!page) return 0;
    this.insert(page.packets);
    this.searchedTo = Math.max(this.searchedTo, page.to);
    const removed = this.trimOldest();
    if (this.searchedTo >= page.newest) this.attached = true;
    this.changed();
    return removed;
  }

  /** Drops the window and holds the newest page instead, attached again. */
  async jumpToNewest() {
    await this.fetchNewest(NEWEST);
  }

  /** The newest page before frame {@code before}, with the live rows that came while it loaded. */
  private async fetchNewest(before: number) {
    const page = await this.fetch({ before, limit: PAGE });
    if (!page) return;
    const live = this.attached ? this.held.filter((row) => numberOf(row) > page.to) : [];
    this.held = page.packets.concat(live);
    this.searchedFrom = page.from;
    this.searchedTo = Math.max(page.to, live.length ? numberOf(live[live.length - 1]) : 0);
    this.attached = true;
    this.changed();
  }

  /**
   * What the window missed while it did not see the stream, up to frame {@code until}; when
   * the server started over, or more passed than a page holds, the newest page instead.
   */
  private async catchUp(until: number) {
    const after = this.searchedTo;
    const page = await this.fetch({ after, limit: PAGE });
    if (!page) return;
    if (page.newest < after || page.to < Math.min(until - 1, page.newest)) {
      this.clearRows();
      this.newest = page.newest;
      this.oldest = Math.max(1, page.oldest);
      await this.fetchNewest(until);
      return;
    }
    this.insert(page.packets);
    this.searchedTo = Math.max(this.searchedTo, page.to);
    this.trimOldest();
    this.changed();
  }

  /** Keeps the newest {@code limit} rows; returns how many went. */
  private trimOldest(): number {
    const removed = Math.max(0, this.held.length - this.limit);
    if (removed) {
      this.held.splice(0, removed);
      this.searchedFrom = this.first;
    }
    return removed;
  }

  private async fetch(query: Omit<PageQuery, 'filter'>): Promise<PacketPage | null> {
    if (query.limit <= 0) return null;
    const generation = this.generation;
    this.loading = true;
    try {
      const page = await this.load({ ...query, filter: this.filter });
      if (generation !== this.generation) return null;
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
