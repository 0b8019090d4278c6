package dev.tapdeck.decode.field;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The occurrences of one field in one packet, in the order the packet holds them: a reusable
 * buffer that a {@link FieldSource} fills and a filter or a column printer reads. Each
 * occurrence has a number (integers, booleans as 0/1, IPv4 addresses as their 32 bits, MACs
 * as their 48 bits, times in nanoseconds), bytes (strings, byte fields, addresses, a
 * protocol's bytes), or both. Filling it allocates nothing once it has grown to the packet's
 * number of occurrences; text copied in by {@link #addText} goes to a pool that it reuses.
 */
public final class FieldValues {
    private int count;
    private long[] numbers = new long[4];
    private byte[][] arrays = new byte[4][];
    private int[] offsets = new int[4];
    private int[] lengths = new int[4];
    private byte[] pool = new byte[256];
    private int poolUsed;

    public void clear() {
        count = 0;
        poolUsed = 0;
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** An occurrence with a number and no bytes of its own (a generated field such as {@code tcp.len}). */
    public void addNumber(long number) {
        add(number, null, 0, 0);
    }

    /** An occurrence with a number and the bytes it was read from. */
    public void addNumber(long number, byte[] array, int offset, int length) {
        add(number, array, offset, length);
    }

    /** An occurrence that is bytes: a string, a byte field, an IPv6 address, a protocol. */
    public void addBytes(byte[] array, int offset, int length) {
        add(0, array, offset, length);
    }

    /** An occurrence that is text made elsewhere (a name with its labels joined): copied as UTF-8. */
    public void addText(CharSequence text) {
        int start = poolUsed;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                poolByte(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    poolByte(b);
                }
            }
        }
        add(0, pool, start, poolUsed - start);
    }

    private void poolByte(int b) {
        if (poolUsed == pool.length) {
            // Entries already added keep the old array, which still holds their bytes.
            pool = Arrays.copyOf(pool, pool.length * 2);
        }
        pool[poolUsed++] = (byte) b;
    }

    private void add(long number, byte[] array, int offset, int length) {
        if (count == numbers.length) {
            int grown = count * 2;
            numbers = Arrays.copyOf(numbers, grown);
            arrays = Arrays.copyOf(arrays, grown);
            offsets = Arrays.copyOf(offsets, grown);
            lengths = Arrays.copyOf(lengths, grown);
        }
        numbers[count] = number;
        arrays[count] = array;
        offsets[count] = offset;
        lengths[count] = length;
        count++;
    }

    public long number(int index) {
        return numbers[index];
    }

    /** True when occurrence {@code index} has bytes (an empty string still has, of length 0). */
    public boolean hasBytes(int index) {
        return arrays[index] != null;
    }

    public byte[] array(int index) {
        return arrays[index];
    }

    public int offset(int index) {
        return offsets[index];
    }

    public int length(int index) {
        return lengths[index];
    }

    /** Byte {@code at} of occurrence {@code index}'s bytes. */
    public int byteAt(int index, int at) {
        return arrays[index][offsets[index] + at] & 0xff;
    }

    /** Occurrence {@code index}'s bytes as text (UTF-8), for messages and tests. */
    public String text(int index) {
        return arrays[index] == null ? Long.toString(numbers[index])
                : new String(arrays[index], offsets[index], lengths[index], StandardCharsets.UTF_8);
    }
}
