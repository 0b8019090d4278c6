package dev.tapdeck.filter;

/**
 * Room for bytes an operand makes per packet (joined slices, lowered strings, {@code &} of
 * byte strings), reused from packet to packet. When it runs out it starts a larger array;
 * values already made keep pointing into the old one, which still holds their bytes.
 */
final class BytePool {
    private byte[] array = new byte[64];
    private int used;

    void clear() {
        used = 0;
    }

    /** Reserves {@code length} bytes and returns their offset in {@link #array()}, which to read after this call. */
    int reserve(int length) {
        if (used + length > array.length) {
            array = new byte[Math.max(array.length * 2, length)];
            used = 0;
        }
        int at = used;
        used += length;
        return at;
    }

    byte[] array() {
        return array;
    }
}
