package dev.tapdeck.generate;

/**
 * A block of random bytes made once per run, sliced to stand in for content that looks
 * random on the wire: TLS ciphertext, compressed HTTP bodies, images. Copying a slice is far
 * cheaper than drawing fresh random bytes for every segment.
 */
final class OpaqueBytes {
    private static final int SIZE = 1 << 16;
    /** Longest slice one copy may take; the block repeats its first bytes past SIZE for it. */
    private static final int MAX_SLICE = 2048;

    private final byte[] block = new byte[SIZE + MAX_SLICE];

    OpaqueBytes(SplitMix64 random) {
        random.nextBytes(block, 0, SIZE);
        System.arraycopy(block, 0, block, SIZE, MAX_SLICE);
    }

    /** Copies {@code length} bytes of the endless stream that starts at {@code position}. */
    void copy(long position, byte[] into, int offset, int length) {
        while (length > 0) {
            int slice = Math.min(length, MAX_SLICE);
            System.arraycopy(block, (int) (position & (SIZE - 1)), into, offset, slice);
            position += slice;
            offset += slice;
            length -= slice;
        }
    }
}
