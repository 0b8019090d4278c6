import { describe, expect, it } from 'vitest';
import type { PacketPage, PageQuery } from './api';
import { PacketStore } from './packetStore';
import type { PacketSummary } from './types';

const summary = (number: number): PacketSummary => ({
  'frame.number': number, 'frame.time_epoch': 1_700_000_000 + number, time: number, source: '10.0.0.1',
  destination: '10.0.0.2', protocol: 'UDP', length: 60, info: `packet ${number}`,
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => summary(from + i));
const frames = (from: number, to: number) => range(from, to).map((row) => row['frame.number']);

/** The filters this history knows, by what they pass: '' everything, "even" the even frames. */
const FILTERS: Record<string, (frame: number) => boolean> = { '': () => true, even: (frame) => frame % 2 === 0 };

/** A server history holding frames oldest..newest (until {@code holds} says otherwise), answering /api/packets as the server does. */
function history(oldest: number, newest: number) {
  const calls: PageQuery[] = [];
  const holds = (first: number, last: number) => {
    oldest = first;
    newest = last;
    calls.length = 0;
  };
  const load = async (query: PageQuery): Promise<PacketPage> => {
    calls.push(query);
    const passes = FILTERS[query.filter];
    const packets: PacketSummary[] = [];
    if (query.before !== undefined) {
      const to = Math.min(query.before - 1, newest);
      let number = to;
      for (; number >= oldest && packets.length < query.limit; number--) if (passes(number)) packets.unshift(summary(number));
      return { oldest, newest, from: number + 1, to, packets };
    }
    const from = Math.max(oldest, (query.after ?? 0) + 1);
    let number = from;
    for (; number <= newest && packets.length < query.limit; number++) if (passes(number)) packets.push(summary(number));
    return { oldest, newest, from, to: number - 1, packets };
  };
  return { load, calls, holds };
}

const numbers = (store: PacketStore) => store.rows.map((row) => row['frame.number']);

/** A store whose stream the server has acknowledged, unfiltered, from frame {@code from}. */
async function streaming(load: ReturnType<typeof history>['load'], limit: number, from = 1) {
  const store = new PacketStore(load, limit);
  await store.streamFiltered('', from);
  return store;
}

describe('PacketStore', () => {
  it('keeps at most its limit of live rows while following, dropping the oldest', async () => {
    const store = await streaming(history(1, 0).load, 100);
    for (let start = 1; start <= 250; start += 50) store.addLive(range(start, start + 49), true);
    expect(store.rows).toHaveLength(100);
    expect(numbers(store)[0]).toBe(151);
    expect(store.last).toBe(250);
    expect(store.attached).toBe(true);
  });

  it('tells of every live batch by a new version, and keeps a batch overlapping the rows held in order', async () => {
    const store = await streaming(history(1, 0).load, 100);
    store.addLive(range(1, 60), true);
    const version = store.version;
    store.addLive(range(61, 90), true);
    expect(store.version).toBeGreaterThan(version);
    store.addLive(range(81, 110), true);
    expect(numbers(store)).toEqual(frames(11, 110));
  });

  it('stops taking live rows, rather than moving them under the user, when not following and full', async () => {
    const store = await streaming(history(1, 0).load, 100);
    store.addLive(range(1, 80), false);
    store.addLive(range(81, 120), false);
    expect(numbers(store)).toEqual(frames(1, 80));
    expect(store.attached).toBe(false);
    expect(store.missingNewer).toBe(40);
  });

  it('takes the stream only once the server has said from which frame it filters it, the frames before from the history', async () => {
    const server = history(1, 300);
    const store = new PacketStore(server.load, 1_000);
    store.addLive(range(290, 300), true);
    expect(store.rows).toHaveLength(0);
    expect(store.newest).toBe(300);
    const loaded = store.streamFiltered('', 301);
    store.addLive(range(301, 310), true);
    await loaded;
    expect(server.calls).toEqual([{ before: 301, limit: 1_000, filter: '' }]);
    expect(numbers(store)).toEqual(frames(1, 310));
    expect(store.missingOlder).toBe(0);
  });

  it('shows only what a new filter passes, from the history and from the stream once the server filters it', async () => {
    const server = history(1, 5_000);
    const store = await streaming(server.load, 1_500, 5_001);
    expect(store.rows).toHaveLength(1_000);
    store.setFilter('even');
    expect(store.rows).toHaveLength(0);
    expect(store.filter).toBe('even');
    // Unfiltered packets still on their way, and an answer to the filter before, change nothing.
    store.addLive([summary(5_001)], true);
    await store.streamFiltered('', 5_002);
    expect(store.rows).toHaveLength(0);

    await store.streamFiltered('even', 5_002);
    expect(server.calls.at(-1)).toEqual({ before: 5_002, limit: 1_000, filter: 'even' });
    expect(numbers(store)).toEqual(frames(1_501, 2_500).map((frame) => frame * 2));
    expect(store.missingOlder).toBe(3_001);
    store.addLive([summary(5_002), summary(5_004)], true);
    expect(store.last).toBe(5_004);

    // The stream passed nothing more, but has seen further: the window has searched that far.
    store.setHistory(1, 5_100);
    expect(store.missingNewer).toBe(96);
    store.streamSeenThrough(5_100);
    expect(store.missingNewer).toBe(0);

    // Older pages are searched back from the window's start, as far as they must.
    expect(await store.loadOlder()).toBe(1_000);
    expect(server.calls.at(-1)).toEqual({ before: 3_002, limit: 1_000, filter: 'even' });
    expect(store.first).toBe(1_002);
    expect(store.missingOlder).toBe(1_001);
    expect(store.rows).toHaveLength(1_500);
    expect(store.last).toBe(4_000);
    expect(store.attached).toBe(false);

    await store.loadNewer();
    expect(server.calls.at(-1)).toEqual({ after: 4_000, limit: 1_000, filter: 'even' });
    expect(store.first).toBe(2_002);
    expect(store.last).toBe(5_000);
    expect(store.attached).toBe(true);
  });

  it('waits for the answer to its last question when the filter changes faster than the server answers', async () => {
    const server = history(1, 100);
    const store = new PacketStore(server.load, 1_000);
    store.connectionOpened();
    await store.streamFiltered('', 101);
    store.setFilter('even');
    store.setFilter('');
    store.setFilter('even');
    await store.streamFiltered('even', 101);
    // By now the server filters with the second question's filter: nothing of it is taken.
    store.addLive([summary(101)], true);
    await store.streamFiltered('', 102);
    expect(store.rows).toHaveLength(0);
    await store.streamFiltered('even', 102);
    expect(numbers(store)).toEqual(frames(1, 50).map((frame) => frame * 2));
    store.addLive([summary(102)], true);
    expect(store.last).toBe(102);
  });

  it('fetches older rows from the server on demand and gives up the newest beyond its limit', async () => {
    const server = history(1, 5_000);
    const store = await streaming(server.load, 1_500, 4_001);
    expect(numbers(store)).toEqual(frames(3_001, 4_000));
    store.addLive(range(4_001, 5_000), true);
    expect(store.rows).toHaveLength(1_500);
    const added = await store.loadOlder();
    expect(added).toBe(1_000);
    expect(server.calls.at(-1)).toEqual({ before: 3_501, limit: 1_000, filter: '' });
    expect(store.first).toBe(2_501);
    expect(store.last).toBe(4_000);
    expect(store.attached).toBe(false);

    await store.loadNewer();
    expect(store.last).toBe(5_000);
    expect(store.rows).toHaveLength(1_500);
    expect(store.attached).toBe(true);
  });

  it('catches up after a reconnection, and starts over when the server numbering went back', async () => {
    const server = history(1, 100);
    const store = await streaming(server.load, 1_000, 101);
    expect(numbers(store)).toEqual(frames(1, 100));
    server.holds(1, 130);
    store.connectionOpened();
    store.addLive(range(120, 125), true);
    await store.streamFiltered('', 131);
    expect(server.calls).toEqual([{ after: 100, limit: 1_000, filter: '' }]);
    expect(numbers(store)).toEqual(frames(1, 130));

    server.holds(1, 20);
    store.connectionOpened();
    await store.streamFiltered('', 21);
    expect(numbers(store)).toEqual(frames(1, 20));
  });

  it('merges the newest page and live rows that overlap into one ordered run, each frame once', async () => {
    const server = history(1, 0);
    const store = await streaming(server.load, 1_000);
    store.addLive(range(50, 60), true);
    server.holds(1, 60);
    await store.jumpToNewest();
    expect(numbers(store)).toEqual(frames(1, 60));
  });

  it('keeps rows the server no longer holds, and clears on reset, keeping its filter', async () => {
    const store = await streaming(history(1, 0).load, 1_000);
    store.addLive(range(1, 50), true);
    store.setHistory(21, 50);
    expect(store.first).toBe(1);
    expect(store.missingOlder).toBe(0);
    store.reset('replay:x.pcap');
    expect(store.rows).toHaveLength(0);
    expect(store.source).toBe('replay:x.pcap');
    store.addLive(range(1, 5), true);
    expect(numbers(store)).toEqual(frames(1, 5));
  });
});
