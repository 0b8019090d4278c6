package dev.tapdeck.stream;

import java.util.Arrays;

/**
 * The out-of-order segments of one TCP direction, copied, in the order they arrived: what the
 * reassembler holds until the hole before them fills, the receiver acknowledges past it, or a
 * limit gives up on it. Only out-of-order segments come here, so the copying is off the path
 * of a stream that arrives in order.
 */
final class HeldSegments {
    int count;
    /** Bytes held, summed over the segments. */
    long bytes;
    int[] sequence = new int[4];
    byte[][] data = new byte[4][];
    long[] frame = new long[4];
    long[] timeNanos = new long[4];

    void add(int seq, byte[] from, int offset, int length, long frameNumber, long time) {
        if (count == sequence.length) {
            int grown = 2 * count;
            sequence = Arrays.copyOf(sequence, grown);
            data = Arrays.copyOf(data, grown);
            frame = Arrays.copyOf(frame, grown);
            timeNanos = Arrays.copyOf(timeNanos, grown);
        }
        sequence[count] = seq;
        data[count] = Arrays.copyOfRange(from, offset, offset + length);
        frame[count] = frameNumber;
        timeNanos[count] = time;
        bytes += length;
        count++;
    }

    int length(int index) {
        return data[index].length;
    }

    /** The lowest sequence number held, in 32-bit sequence space (RFC 9293 §3.4); count must be above 0. */
    int lowest() {
        int lowest = sequence[0];
        for (int i = 1; i < count; i++) {
            if (sequence[i] - lowest < 0) {
                lowest = sequence[i];
            }
        }
        return lowest;
    }

    void remove(int index) {
        bytes -= data[index].length;
        int after = count - index - 1;
        System.arraycopy(sequence, index + 1, sequence, index, after);
        System.arraycopy(data, index + 1, data, index, after);
        System.arraycopy(frame, index + 1, frame, index, after);
        System.arraycopy(timeNanos, index + 1, timeNanos, index, after);
        count--;
        data[count] = null;
    }
}
