import { describe, expect, it } from 'vitest';
import { isBadTcp } from './protocols';

describe('isBadTcp', () => {
  it('follows Wireshark\'s Bad TCP rule over the info column\'s analysis marks', () => {
    expect(isBadTcp('[TCP Retransmission] 80 → 3372 [ACK] Seq=1 Ack=1 Win=6432 Len=1380')).toBe(true);
    expect(isBadTcp('[TCP ZeroWindow] [TCP Dup ACK 28#1] 3371 → 80 [ACK]')).toBe(true);
    expect(isBadTcp('[TCP Window Update] 3371 → 80 [ACK]')).toBe(false);
    expect(isBadTcp('[TCP Keep-Alive] 3371 → 80 [ACK]')).toBe(false);
    expect(isBadTcp('[TCP Keep-Alive ACK] 80 → 3371 [ACK]')).toBe(false);
    expect(isBadTcp('[TCP Window Update] [TCP Out-Of-Order] 3371 → 80')).toBe(true);
    expect(isBadTcp('3371 → 80 [ACK] Seq=1 Ack=1 Win=8760 Len=0')).toBe(false);
    expect(isBadTcp('GET /[TCP Retransmission] HTTP/1.1')).toBe(false);
  });
});
