import type { PacketSummary, StreamSegment, StreamTarget } from './types';

/** The TCP or UDP stream a packet belongs to, from its summary; null for a packet of neither. */
export function streamOf(summary: Pick<PacketSummary, 'tcp.stream' | 'udp.stream'>): StreamTarget | null {
  if (summary['tcp.stream'] !== undefined) return { proto: 'tcp', stream: summary['tcp.stream'] };
  if (summary['udp.stream'] !== undefined) return { proto: 'udp', stream: summary['udp.stream'] };
  return null;
}

/** Which sides the follow view shows, as Wireshark's "Entire conversation" menu picks them. */
export type FollowSides = 'both' | 'client' | 'server';
export type FollowMode = 'ascii' | 'hex' | 'raw';

/** One turn of the conversation: a side's bytes in a row, or bytes of a side never captured. */
export type Chunk =
  | { kind: 'data'; direction: 'client' | 'server'; offset: number; bytes: Uint8Array; frame: number }
  | { kind: 'gap'; direction: 'client' | 'server'; offset: number; missing: number; frame: number };

/**
 * The conversation in the order it was delivered: each side's bytes taken from its payload in
 * turn, consecutive data of one side joined into one chunk, gaps kept as gaps. Segments beyond
 * a payload (bytes the server did not keep) are left out.
 */
export function chunksOf(segments: readonly StreamSegment[], client: Uint8Array, server: Uint8Array, sides: FollowSides = 'both'): Chunk[] {
  const chunks: Chunk[] = [];
  const taken = { client: 0, server: 0 };
  for (const segment of segments) {
    const direction = segment.direction;
    if (segment.kind === 'end') continue;
    const shown = sides === 'both' || sides === direction;
    if (segment.kind === 'gap') {
      if (shown) chunks.push({ kind: 'gap', direction, offset: segment.offset, missing: segment.length, frame: segment.frame });
      continue;
    }
    const payload = direction === 'client' ? client : server;
    const start = taken[direction];
    const end = Math.min(start + segment.length, payload.length);
    taken[direction] = start + segment.length;
    if (!shown || end <= start) continue;
    const bytes = payload.subarray(start, end);
    const last = chunks[chunks.length - 1];
    if (last?.kind === 'data' && last.direction === direction) {
      const joined = new Uint8Array(last.bytes.length + bytes.length);
      joined.set(last.bytes);
      joined.set(bytes, last.bytes.length);
      chunks[chunks.length - 1] = { ...last, bytes: joined };
    } else {
      chunks.push({ kind: 'data', direction, offset: segment.offset, bytes, frame: segment.frame });
    }
  }
  return chunks;
}

/** Changes of side between the chunks of data: Wireshark's "turns". */
export function turns(chunks: readonly Chunk[]): number {
  let count = 0;
  let side: string | null = null;
  for (const chunk of chunks) {
    if (chunk.kind !== 'data') continue;
    if (side !== null && chunk.direction !== side) count++;
    side = chunk.direction;
  }
  return count;
}

/** Wireshark's words for a gap in a followed stream. */
export const missingText = (bytes: number) => `[${bytes} bytes missing in capture file]`;

/** Bytes as text: printable ASCII, tabs and line ends as they are, anything else a dot (a CR before LF dropped). */
export function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x0d && bytes[i + 1] === 0x0a) continue;
    text += (byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x09 ? String.fromCharCode(byte) : '.';
  }
  return text;
}

const hex2 = (byte: number) => byte.toString(16).padStart(2, '0');

/**
 * A hex dump as Wireshark's follow view shows one: the offset in the side's bytes, sixteen
 * bytes in two groups of eight, and those bytes as ASCII.
 */
export function hexText(bytes: Uint8Array, offset: number): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      hex += i < row.length ? `${hex2(row[i])} ` : '   ';
      if (i === 7) hex += ' ';
      if (i < row.length) ascii += row[i] >= 0x20 && row[i] < 0x7f ? String.fromCharCode(row[i]) : '.';
    }
    lines.push(`${(offset + at).toString(16).padStart(8, '0')}  ${hex} ${ascii}`);
  }
  return lines.join('\n');
}

/** The bytes as plain hex, as Wireshark's Raw view shows them. */
export function rawText(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += hex2(bytes[i]);
  return text;
}

/** A chunk as the mode shows it. */
export function chunkText(chunk: Chunk, mode: FollowMode): string {
  if (chunk.kind === 'gap') return missingText(chunk.missing);
  switch (mode) {
    case 'ascii': return asciiText(chunk.bytes);
    case 'hex': return hexText(chunk.bytes, chunk.offset);
    case 'raw': return rawText(chunk.bytes);
  }
}

/** Where {@code query} occurs in {@code text}, case-insensitively: start offsets, none for an empty query. */
export function findAll(text: string, query: string): number[] {
  if (!query) return [];
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

/** The display filters of a stream that Wireshark's follow dialog offers. */
export const onlyStreamFilter = (proto: 'tcp' | 'udp', stream: number) => `${proto}.stream eq ${stream}`;
export const withoutStreamFilter = (proto: 'tcp' | 'udp', stream: number) => `!(${proto}.stream eq ${stream})`;
