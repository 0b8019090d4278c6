package dev.tapdeck.stream.message;

import java.util.Arrays;

/**
 * The bytes of one direction's incomplete message, kept across segments up to a limit. It
 * grows (doubling) to the largest message it has held and is reused after that, so appending
 * allocates nothing in the steady state. What would pass the limit is not kept but counted
 * ({@link #overflowed()}): the decoder then gives that message up.
 */
public final class MessageBuffer {
    private final int limit;
    private byte[] bytes = new byte[256];
    private int length;
    private long overflowed;

    /** A buffer that keeps at most {@code limit} bytes. */
    public MessageBuffer(int limit) {
        this.limit = limit;
    }

    public int length() { return length; }

    public int limit() { return limit; }

    /** The bytes held, from index 0 up to {@link #length()}; valid until the next change. */
    public byte[] array() { return bytes; }

    public int u8(int at) { return bytes[at] & 0xff; }

    public int u16(int at) { return u8(at) << 8 | u8(at + 1); }

    /** Bytes given up on so far because they would have passed the limit. */
    public long overflowed() { return overflowed; }

    /**
     * Appends as many of the bytes as the limit leaves room for and counts the rest as
     * overflowed; returns how many were kept.
     */
    public int append(byte[] source, int offset, int count) {
        int kept = Math.min(count, limit - length);
        if (length + kept > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + kept, 2 * bytes.length)));
        }
        System.arraycopy(source, offset, bytes, length, kept);
        length += kept;
        overflowed += count - kept;
        return kept;
    }

    /** Counts {@code count} bytes as given up on without appending them. */
    public void overflow(long count) {
        overflowed += count;
    }

    /** Drops the first {@code count} bytes, keeping the rest. */
    public void discard(int count) {
        System.arraycopy(bytes, count, bytes, 0, length - count);
        length -= count;
    }

    public void clear() {
        length = 0;
    }

    /** A copy of bytes {@code from} to {@code to}: a completed message's own bytes. */
    public byte[] copy(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
