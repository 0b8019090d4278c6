import { describe, expect, it } from 'vitest';
import {
  asciiText, chunksOf, chunkText, findAll, hexText, missingText, onlyStreamFilter, rawText, streamOf, turns, withoutStreamFilter,
} from './followView';
import type { StreamSegment } from './types';

const bytes = (text: string) => new TextEncoder().encode(text);
const segment = (n: number, direction: 'client' | 'server', kind: StreamSegment['kind'], offset: number, length: number): StreamSegment =>
  ({ n, direction, kind, offset, length, frame: n + 3, time: 1084443427 + n });

describe('followView', () => {
  const client = bytes('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
  const server = bytes('HTTP/1.1 200 OK\r\n\r\nhello');
  const segments = [
    segment(1, 'client', 'data', 0, 16),
    segment(2, 'client', 'data', 16, 11),
    segment(3, 'server', 'data', 0, 19),
    segment(4, 'server', 'gap', 19, 1448),
    segment(5, 'server', 'data', 1467, 5),
    segment(6, 'client', 'end', 27, 0),
  ];

  it('joins a side\'s segments in a row into one chunk, and keeps gaps as gaps', () => {
    const chunks = chunksOf(segments, client, server);
    expect(chunks.map((chunk) => [chunk.kind, chunk.direction, chunk.offset])).toEqual([
      ['data', 'client', 0], ['data', 'server', 0], ['gap', 'server', 19], ['data', 'server', 1467],
    ]);
    expect(new TextDecoder().decode((chunks[0] as { bytes: Uint8Array }).bytes)).toBe('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(chunkText(chunks[2], 'ascii')).toBe('[1448 bytes missing in capture file]');
    expect(turns(chunks)).toBe(1);
  });

  it('shows one side alone, and leaves out bytes the server did not keep', () => {
    expect(chunksOf(segments, client, server, 'server').map((chunk) => chunk.direction)).toEqual(['server', 'server', 'server']);
    const cut = chunksOf(segments, client, server.subarray(0, 10));
    expect(cut.filter((chunk) => chunk.direction === 'server' && chunk.kind === 'data')).toHaveLength(1);
    expect(chunkText(cut[1], 'raw')).toBe(rawText(server.subarray(0, 10)));
  });

  it('writes text, hex dumps and raw hex as Wireshark\'s follow view does', () => {
    expect(asciiText(bytes('a\r\nb\tc\x00\x7f\r'))).toBe('a\nb\tc...');
    expect(hexText(bytes('GET /download.html HTTP'), 0x10)).toBe(
      '00000010  47 45 54 20 2f 64 6f 77  6e 6c 6f 61 64 2e 68 74  GET /download.ht\n'
      + '00000020  6d 6c 20 48 54 54 50                              ml HTTP');
    expect(rawText(bytes('GET'))).toBe('474554');
    expect(missingText(3)).toBe('[3 bytes missing in capture file]');
  });

  it('finds every occurrence regardless of case', () => {
    expect(findAll('Host: host HOST', 'host')).toEqual([0, 6, 11]);
    expect(findAll('aaaa', 'aa')).toEqual([0, 2]);
    expect(findAll('text', '')).toEqual([]);
  });

  it('names a packet\'s stream and the filters that keep or drop it', () => {
    expect(streamOf({ 'tcp.stream': 0 })).toEqual({ proto: 'tcp', stream: 0 });
    expect(streamOf({ 'udp.stream': 2 })).toEqual({ proto: 'udp', stream: 2 });
    expect(streamOf({})).toBeNull();
    expect(onlyStreamFilter('tcp', 3)).toBe('tcp.stream eq 3');
    expect(withoutStreamFilter('udp', 1)).toBe('!(udp.stream eq 1)');
  });
});
