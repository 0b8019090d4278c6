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
        for (long at = first(bytes, from, end); at >= 0; at = next(bytes, at, end)) {
            if (Bytes.u8(bytes, at) == kind) {
                return at;
            }
        }
        return -1;
    }

    /** Offset of the first option with a length at or after {@code at}, past No-operations; -1 at the list's end. */
    static long first(byte[] bytes, long at, long end) {
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
            return length < 2 || at + length > end ? -1 : at;
        }
        return -1;
    }

    /** Offset of the option after the one {@link #first} found at {@code at}, or -1. */
    static long next(byte[] bytes, long at, long end) {
        return first(bytes, at + Bytes.u8(bytes, at + 1), end);
    }
}
