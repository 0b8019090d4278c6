package dev.tapdeck.decode;

/**
 * Network-byte-order reads from a packet's bytes; offsets are positions in the array.
 * Plain array reads: they cost the same before the JIT has warmed up as after, which a
 * one-shot {@code tapdeck read} of a large file notices.
 */
public final class Bytes {
    static final byte[] EMPTY = new byte[0];

    private Bytes() {
    }

    static int u8(byte[] bytes, long offset) {
        return bytes[(int) offset] & 0xff;
    }

    public static int u16(byte[] bytes, long offset) {
        int at = (int) offset;
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    static int i32(byte[] bytes, long offset) {
        int at = (int) offset;
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }

    public static long u32(byte[] bytes, long offset) {
        return i32(bytes, offset) & 0xffff_ffffL;
    }

    public static long i64(byte[] bytes, long offset) {
        return (long) i32(bytes, offset) << 32 | u32(bytes, offset + 4);
    }

    static int i32LittleEndian(byte[] bytes, long offset) {
        return Integer.reverseBytes(i32(bytes, offset));
    }
}
