package dev.tapdeck.decode;

/**
 * The option lists of IPv4 (RFC 791 §3.1) and TCP (RFC 9293 §3.1), which share one
 * encoding: single-byte End-of-list (0) and No-operation (1), every other option a kind
 * byte, a length byte counting both, then its data.
 */
final class Options {
    private Options() {
    }

    /**
     * Offset of the first option of {@code kind} between {@code from} and {@code end}, or -1.
     * The walk ends at End-of-list, and at a length that is too short or runs past the end.
     */
    static long find(byte[] bytes, long from, long end, int kind) {
        long at = from;
        while (at < end) {
            int k = Bytes.u8(bytes, at);
            if (k == 0) {
                return -1;
            }
            if (k == 1) {
                at++;
                continue;
            }
            if (at + 1 >= end) {
                return -1;
            }
            int length = Bytes.u8(bytes, at + 1);
            if (length < 2 || at + length > end) {
                return -1;
            }
            if (k == kind) {
                return at;
            }
            at += length;
        }
        return -1;
    }
}
