import { describe, expect, it } from 'vitest';
import {
  acceptCompletion, addRecent, alertFilter, completeField, filterForField, flowFilter, loadRecent, MAX_RECENT, quoteString, saveRecent,
} from './displayFilter';
import fields from './test/fixtures/fields.json';
import captured from './test/fixtures/packet-4-http-get.json';
import type { DetailNode, FieldInfo, PacketDetail } from './types';

/** GET /api/fields as the server answered it. */
const registry = fields as FieldInfo[];
const byName = new Map(registry.map((field) => [field.name, field]));
/** Frame 4 of dpkt-http.pcap as GET /api/packets/4 answered it. */
const packet = captured as PacketDetail;

function find(name: string, nodes: DetailNode[] = packet.layers): DetailNode | undefined {
  for (const candidate of nodes) {
    const found = candidate.name === name ? candidate : find(name, candidate.children);
    if (found) return found;
  }
  return undefined;
}
const applyAsFilter = (name: string) => filterForField(find(name)!, byName.get(name));

describe('completeField', () => {
  it('offers the fields starting with the word before the caret, in name order, replacing the whole word', () => {
    const text = 'ip.src == 10.0.0.1 && tcp.fl';
    const completion = completeField(registry, text, text.length)!;
    expect(completion.start).toBe(22);
    expect(completion.end).toBe(text.length);
    const names = completion.fields.map((field) => field.name);
    expect(names[0]).toBe('tcp.flags');
    expect(names).toContain('tcp.flags.syn');
    expect(names).toEqual([...names].sort());
    expect(names.every((name) => name.startsWith('tcp.fl'))).toBe(true);

    // In the middle of a word: what is before the caret chooses, the whole word goes.
    const middle = completeField(registry, 'udp.prt == 53', 5)!;
    expect(middle.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['udp.port']));
    expect(acceptCompletion('udp.prt == 53', middle, 'udp.port')).toEqual({ text: 'udp.port == 53', caret: 8 });
  });

  it('offers nothing for numbers, strings, unknown words and a word that is already its only field', () => {
    expect(completeField(registry, 'tcp.port == 44', 14)).toBeNull();
    expect(completeField(registry, 'http.host == "www.tc', 20)).toBeNull();
    expect(completeField(registry, 'nosuchprotocol', 14)).toBeNull();
    expect(completeField(registry, 'tcp.flags.syn', 13)).toBeNull();
    expect(completeField(registry, '', 0)).toBeNull();
    // A closed string before the word does not hide it.
    expect(completeField(registry, 'http.host == "x" && dn', 22)!.fields[0].name).toBe('dns');
  });

  it('keeps to its limit', () => {
    expect(completeField(registry, 't', 1, 5)!.fields).toHaveLength(5);
  });
});

describe('recent filters', () => {
  it('puts the newest first, each once, trimmed, at most ten', () => {
    let recent: string[] = [];
    for (let i = 0; i < 12; i++) recent = addRecent(recent, `tcp.port == ${i}`);
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]).toBe('tcp.port == 11');
    recent = addRecent(recent, '  tcp.port == 5 ');
    expect(recent[0]).toBe('tcp.port == 5');
    expect(recent.filter((filter) => filter === 'tcp.port == 5')).toHaveLength(1);
    expect(addRecent(recent, '   ')).toEqual(recent);
  });

  it('survives in storage, and a damaged entry is no list at all', () => {
    saveRecent(localStorage, ['dns', 'tcp']);
    expect(loadRecent(localStorage)).toEqual(['dns', 'tcp']);
    localStorage.setItem('tapdeck.recentFilters', '{not json');
    expect(loadRecent(localStorage)).toEqual([]);
    localStorage.setItem('tapdeck.recentFilters', '[1, "udp"]');
    expect(loadRecent(localStorage)).toEqual(['udp']);
  });
});

describe('filterForField', () => {
  it('writes each value as its type wants it, as Wireshark\'s Apply as Filter does', () => {
    expect(applyAsFilter('tcp.srcport')).toBe('tcp.srcport == 3372');
    expect(applyAsFilter('ip.src')).toBe('ip.src == 145.254.160.237');
    expect(applyAsFilter('eth.src')).toBe('eth.src == 00:00:01:00:00:00');
    expect(applyAsFilter('ip.id')).toBe('ip.id == 0x0f45');
    expect(applyAsFilter('ip.flags.df')).toBe('ip.flags.df == 1');
    expect(applyAsFilter('http.host')).toBe('http.host == "www.ethereal.com"');
    expect(applyAsFilter('frame.time_epoch')).toBe('frame.time_epoch == 1084443428.222534');
    expect(applyAsFilter('http')).toBe('http');
    expect(applyAsFilter('tcp')).toBe('tcp');
  });

  it('quotes what it does not know unless it looks like a number or an address, and makes nothing of a line without a name', () => {
    expect(filterForField({ name: 'x.unknown', value: 'a "quoted" word' }, undefined)).toBe('x.unknown == "a \\"quoted\\" word"');
    expect(filterForField({ name: 'x.unknown', value: '0x1f' }, undefined)).toBe('x.unknown == 0x1f');
    expect(filterForField({ name: '', value: null }, undefined)).toBeNull();
    expect(filterForField({ name: 'x.payload', value: '474554' }, { ...byName.get('tcp.srcport')!, type: 'FT_BYTES' }))
      .toBe('x.payload == 47:45:54');
  });

  it('keeps the escapes the tree shows and escapes the rest', () => {
    expect(quoteString('GET / HTTP/1.1\\r\\n')).toBe('"GET / HTTP/1.1\\r\\n"');
    expect(quoteString('C:\\dir')).toBe('"C:\\\\dir"');
  });
});

describe('alert and flow filters', () => {
  it('narrows to the alert\'s host, its few ports, and its frames', () => {
    expect(alertFilter({ hosts: ['10.9.9.9', '10.0.0.1'], ports: Array.from({ length: 150 }, (_, i) => i + 1), packets: [12, 3, 140] }))
      .toBe('ip.addr == 10.9.9.9 && frame.number >= 3 && frame.number <= 140');
    expect(alertFilter({ hosts: ['2001:db8::1'], ports: [443], packets: [7] }))
      .toBe('ipv6.addr == 2001:db8::1 && (tcp.port == 443 || udp.port == 443) && frame.number >= 7 && frame.number <= 7');
    expect(alertFilter({ hosts: [], ports: [53, 5353], packets: [] })).toBe('(tcp.port in {53, 5353} || udp.port in {53, 5353})');
  });

  it('names both ends of a flow and its ports, as a conversation filter', () => {
    const flow = { protocol: 'TCP', vlan: -1, initiator: '145.254.160.237', initiatorPort: 3372, responder: '65.208.228.223', responderPort: 80 };
    expect(flowFilter(flow)).toBe('ip.addr == 145.254.160.237 && ip.addr == 65.208.228.223 && tcp.port == 3372 && tcp.port == 80');
    expect(flowFilter({ ...flow, protocol: 'ICMPv6', initiator: 'fe80::1', responder: 'fe80::2', vlan: 20 }))
      .toBe('ipv6.addr == fe80::1 && ipv6.addr == fe80::2 && icmpv6 && vlan.id == 20');
  });
});
