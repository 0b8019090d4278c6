import { describe, expect, it } from 'vitest';
import type { PacketPage } from './api';
import { PacketStore } from './packetStore';
import type { PacketSummary } from './types';

const summary = (number: number): PacketSummary => ({
  'frame.number': number, 'frame.time_epoch': 1_700_000_000 + number, time: number, source: '10.0.0.1',
  destination: '10.0.0.2', protocol: 'UDP', length: 60, info: `packet ${number}`,
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => summary(from + i));

/** A server history holding frames oldest..newest, answering /api/packets as the server does. */
function history(oldest: number, newest: number) {
  const calls: [number, number][] = [];
  const load = async (after: number, limit: number): Promise<PacketPage> => {
    calls.push([after, limit]);
    const from = Math.max(oldest, after + 1);
    return { oldest, newest, packets: from > newest ? [] : range(from, Math.min(newest, from + limit - 1)) };
  };
  return { load, calls };
}

const numbers = (store: PacketStore) => store.rows.map((row) => row['frame.number']);

describe('PacketStore', () => {
  it('keeps at most its limit of live rows while following, dropping the oldest', () => {
    const store = new PacketStore(history(1, 0).load, 100);
    for (let start = 1; start <= 250; start += 50) store.addLive(range(start, start + 49), true);
    expect(store.rows).toHaveLength(100);
    expect(numbers(store)[0]).toBe(151);
    expect(store.last).toBe(250);
    expect(store.attached).toBe(true);
  });

  it('tells of every live batch by a new version, and keeps a batch overlapping the rows held in order', () => {
    const store = new PacketStore(history(1, 0).load, 100);
    store.addLive(range(1, 60), true);
    const version = store.version;
    store.addLive(range(61, 90), true);
    expect(store.version).toBeGreaterThan(version);
    store.addLive(range(81, 110), true);
    expect(numbers(store)).toEqual(range(11, 110).map((row) => row['frame.number']));
  });

  it('stops taking live rows, rather than moving them under the user, when not following and full', () => {
    const store = new PacketStore(history(1, 0).load, 100);
    store.addLive(range(1, 80), false);
    store.addLive(range(81, 120), false);
    expect(numbers(store)).toEqual(range(1, 80).map((row) => row['frame.number']));
    expect(store.attached).toBe(false);
    expect(store.missingNewer).toBe(40);
  });

  it('fetches older rows from the server on demand and gives up the newest beyond its limit', async () => {
    const server = history(1, 5_000);
    const store = new PacketStore(server.load, 1_500);
    store.addLive(range(4_001, 5_000), true);
    const added = await store.loadOlder();
    expect(added).toBe(1_000);
    expect(server.calls).toEqual([[3_000, 1_000]]);
    expect(store.first).toBe(3_001);
    expect(store.last).toBe(4_500);
    expect(store.attached).toBe(false);

    await store.loadNewer();
    expect(store.last).toBe(5_000);
    expect(store.rows).toHaveLength(1_500);
    expect(store.attached).toBe(true);
  });

  it('catches up after a reconnection, and starts over when the server numbering went back', async () => {
    const store = new PacketStore(history(1, 130).load, 1_000);
    store.addLive(range(1, 100), true);
    await store.catchUp();
    expect(numbers(store)).toEqual(range(1, 130).map((row) => row['frame.number']));

    const restarted = new PacketStore(history(1, 20).load, 1_000);
    restarted.addLive(range(1, 100), true);
    await restarted.catchUp();
    expect(numbers(restarted)).toEqual(range(1, 20).map((row) => row['frame.number']));
  });

  it('merges a page and live rows that overlap into one ordered run, each frame once', async () => {
    const store = new PacketStore(history(1, 60).load, 1_000);
    store.addLive(range(50, 60), true);
    await store.jumpToNewest();
    expect(numbers(store)).toEqual(range(1, 60).map((row) => row['frame.number']));
  });

  it('keeps rows the server no longer holds, and clears on reset', () => {
    const store = new PacketStore(history(1, 0).load, 1_000);
    store.addLive(range(1, 50), true);
    store.setHistory(21, 50);
    expect(store.first).toBe(1);
    expect(store.missingOlder).toBe(0);
    store.reset('replay:x.pcap');
    expect(store.rows).toHaveLength(0);
    expect(store.source).toBe('replay:x.pcap');
  });
});
