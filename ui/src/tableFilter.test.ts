import { describe, expect, it } from 'vitest';
import capture from './test/fixtures/dpkt-http-packets.json';
import flows from './test/fixtures/flows-dpkt-http.json';
import alerts from './test/fixtures/alerts.json';
import { filterLabel, rowTest, type TableFilter } from './tableFilter';
import type { Alert, Flow, PacketSummary } from './types';

/** dpkt-http.pcap: flow 1 is the HTTP download, 2 the DNS lookup, 3 the second HTTP connection. */
const packets: PacketSummary[] = capture.packets;
const [download, google, dns] = flows.flows as Flow[];
const alert = { ...(alerts[0] as Alert), packets: [1, 12, 13, 40] };

const shown = (filter: TableFilter | null, text = '') => {
  const test = rowTest(filter, text);
  return (test ? packets.filter(test) : packets).map((row) => row['frame.number']);
};

describe('rowTest', () => {
  it('keeps every row when nothing filters', () => {
    expect(rowTest(null, '  ')).toBeNull();
  });

  it('keeps the packets of one flow', () => {
    expect(shown({ kind: 'flow', flow: dns })).toEqual([13, 17]);
    expect(shown({ kind: 'flow', flow: google })).toHaveLength(google.packets);
    expect(shown({ kind: 'flow', flow: download })).toHaveLength(download.packets);
  });

  it('never keeps a packet without a flow for a flow filter', () => {
    const arp: PacketSummary = { ...packets[0], 'frame.number': 99, protocol: 'ARP', flow: undefined };
    expect(rowTest({ kind: 'flow', flow: dns }, '')!(arp)).toBe(false);
  });

  it('keeps the frames of an alert', () => {
    expect(shown({ kind: 'alert', alert })).toEqual([1, 12, 13, 40]);
  });

  it('narrows a filter further by the quick text, in any case', () => {
    expect(shown(null, 'DNS')).toEqual([13, 17]);
    expect(shown({ kind: 'flow', flow: download }, ' [syn')).toEqual([1, 2]);
    expect(shown({ kind: 'alert', alert }, 'dns')).toEqual([13]);
    expect(shown(null, '27')).toEqual([27]);
  });
});

describe('filterLabel', () => {
  it('names a flow by its endpoints, and an alert by its detector', () => {
    expect(filterLabel({ kind: 'flow', flow: download })).toBe('Flow 1: 145.254.160.237:3372 ↔ 65.208.228.223:80');
    expect(filterLabel({ kind: 'flow', flow: { ...dns, initiator: 'fd00::2', responder: 'fd00::53' } }))
      .toBe('Flow 2: [fd00::2]:3009 ↔ [fd00::53]:53');
    expect(filterLabel({ kind: 'alert', alert })).toBe('Packets of alert “rate-spike” (4)');
  });
});
