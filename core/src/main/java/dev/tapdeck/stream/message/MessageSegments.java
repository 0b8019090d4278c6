package dev.tapdeck.stream.message;

import dev.tapdeck.stream.StreamMessage;

import java.util.Arrays;

/**
 * The segments one side's current message came in: each frame that brought some of its
 * bytes and how many, as Wireshark lists a reassembled PDU's segments. Kept by a decoder per
 * side and reused from message to message: in the steady state adding a segment allocates
 * nothing. At most {@link #MAX_LISTED} segments are listed; beyond, they are only counted.
 */
final class MessageSegments {
    static final int MAX_LISTED = 4096;

    private long[] frames = new long[16];
    private int[] lengths = new int[16];
    private int listed;
    private int count;
    private long bytes;

    /** A new message begins. */
    void clear() {
        listed = 0;
        count = 0;
        bytes = 0;
    }

    /** {@code length} more of the message's bytes came in {@code frame}. */
    void add(long frame, int length) {
        if (length <= 0) {
            return;
        }
        bytes += length;
        if (listed > 0 && frames[listed - 1] == frame) {
            lengths[listed - 1] += length;
            return;
        }
        count++;
        if (listed == MAX_LISTED) {
            return;
        }
        if (listed == frames.length) {
            frames = Arrays.copyOf(frames, 2 * listed);
            lengths = Arrays.copyOf(lengths, 2 * listed);
        }
        frames[listed] = frame;
        lengths[listed++] = length;
    }

    /** What the message's segments were, to keep with it. */
    StreamMessage.Segments snapshot() {
        return new StreamMessage.Segments(Arrays.copyOf(frames, listed), Arrays.copyOf(lengths, listed), count, bytes);
    }
}
