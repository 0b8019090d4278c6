package dev.tapdeck.stream;

import java.util.Arrays;

/**
 * Puts each direction of every TCP stream back into sequence order and hands its bytes to a
 * {@link StreamListener}, by the policy of tshark 4.0's "Follow TCP Stream" (its
 * {@code follow_tcp_tap_listener} and {@code check_follow_fragments}), so that following a
 * stream here prints what tshark prints:
 * <ul>
 * <li>A direction's sequence space starts at its first segment: after the SYN's sequence
 *     number, or at the first segment's own for a stream picked up mid-way. Sequence numbers
 *     are compared in 32-bit sequence space (RFC 9293 §3.4), so they wrap.</li>
 * <li>The first data wins: a retransmission delivers only bytes beyond what was delivered,
 *     an overlap only its new tail.</li>
 * <li>A segment beyond the next expected byte is copied and held, in arrival order, until
 *     the bytes before it arrive.</li>
 * <li>When the other side acknowledges beyond the lowest held segment, the receiver got
 *     bytes the capture missed: they are reported as a gap and delivery goes on from there.</li>
 * <li>The bytes of a segment the capture cut short (snap length) are delivered as far as
 *     they were captured; the next expected byte still moves past the whole segment.</li>
 * </ul>
 * Where Tapdeck goes further, tshark has no counterpart: holding is bounded (per direction
 * and in all, {@link StreamSettings}); past a bound the oldest hole of the direction is given
 * up as a gap rather than growing without end. At the end of the capture ({@link #finish})
 * held segments are delivered after gaps, where tshark drops them. A FIN or RST ends a
 * direction for the listener ({@link StreamListener#end}); as in tshark, later segments of
 * the direction (retransmissions) are still handled. A SYN that opens a new connection on
 * the same ports is a new stream ({@link StreamTracker}), with fresh state; the old one is
 * finished first, as at the end of the capture.
 *
 * <p>Listeners that decode messages get the bytes in a second order, that of tshark's TCP
 * dissector (with {@code tcp.reassemble_out_of_order} off, its default), which hands each
 * segment on as it comes: a segment beyond the next expected byte is delivered at once, after
 * a gap for the hole before it (so the message it starts shows on its own packet, as tshark
 * starts a new PDU there); bytes at or before what was delivered, which a late segment brings
 * to that hole, are not delivered again. Nothing is held for them, and nothing at all when no
 * listener takes the follow order.
 *
 * <p>A segment in order is delivered from the packet's own bytes: nothing is allocated for it.
 * State lives in primitive arrays indexed by direction, {@code 2 * entry + side}, where
 * entry is the conversation's entry in the tracker's table.
 */
final class TcpReassembler {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;

    private static final byte STARTED = 1, ENDED = 2, BASE_SET = 4;
    /**
     * What tshark's sequence analysis finds in a segment that its TCP dissector then hands to no
     * protocol above (its decode_tcp_ports, with tcp.no_subdissector_on_error on by default):
     * a retransmission, an out-of-order segment (fast and spurious retransmissions are handed
     * on), and a keep-alive, whose byte goes to its data dissector.
     */
    private static final int NOT_DISSECTED = TcpAnalysis.RETRANSMISSION | TcpAnalysis.OUT_OF_ORDER | TcpAnalysis.KEEP_ALIVE;

    private final StreamSettings settings;
    /** Who gets TCP bytes in the follow order, who in the dissection order, and who every end. */
    private final StreamListeners followers;
    private final StreamListeners dissectors;
    private final StreamListener ends;
    /** Per direction: the next sequence number to deliver in the follow order, and in the dissection order. */
    private int[] next = new int[0];
    private int[] dissected = new int[0];
    /** Per direction: Wireshark's base sequence number (its relative sequence numbers count from it). */
    private int[] base = new int[0];
    private byte[] state = new byte[0];
    private HeldSegments[] held = new HeldSegments[0];
    private long heldTotal;
    private long limitHits;
    private long gaps;
    private long gapBytes;

    TcpReassembler(StreamSettings settings, StreamListeners followers, StreamListeners dissectors, StreamListener ends) {
        this.settings = settings;
        this.followers = followers;
        this.dissectors = dissectors;
        this.ends = ends;
    }

    /** Makes room for conversation entries below {@code entries}. */
    void ensureCapacity(int entries) {
        int directions = 2 * entries;
        if (directions > next.length) {
            next = Arrays.copyOf(next, directions);
            dissected = Arrays.copyOf(dissected, directions);
            base = Arrays.copyOf(base, directions);
            state = Arrays.copyOf(state, directions);
            held = Arrays.copyOf(held, directions);
        }
    }

    /** Forgets both directions of {@code entry}: a new conversation takes it. */
    void reset(int entry) {
        for (int dir = 2 * entry; dir < 2 * entry + 2; dir++) {
            state[dir] = 0;
            if (held[dir] != null) {
                heldTotal -= held[dir].bytes;
                held[dir] = null;
            }
        }
    }

    /** True when Wireshark knows a base sequence number for {@code side} of {@code entry}, and it differs from {@code sequence}. */
    boolean baseDiffers(int entry, int side, int sequence) {
        int dir = 2 * entry + side;
        return (state[dir] & BASE_SET) != 0 && base[dir] != sequence;
    }

    /**
     * One segment whose length is known (not an IP fragment, not inside an ICMP error), sent
     * by {@code side} of conversation {@code entry}: {@code seglen} bytes of payload on the
     * wire, {@code captured} of them at {@code offset} of {@code bytes}.
     */
    void segment(int entry, int side, int stream, boolean fromClient, int flags, int seq, int ack,
                 byte[] bytes, int offset, int seglen, int captured, long frame, long timeNanos, int analysisFlags) {
        int dir = 2 * entry + side;
        int other = dir ^ 1;
        // Wireshark's base sequence numbers (tcp_analyze_sequence_number): the stream numbering reads them.
        if ((state[dir] & BASE_SET) == 0) {
            base[dir] = (flags & SYN) != 0 ? seq : seq - 1;
            state[dir] |= BASE_SET;
        }
        if ((state[other] & BASE_SET) == 0 && (flags & ACK) != 0) {
            base[other] = ack - 1;
            state[other] |= BASE_SET;
        }
        HeldSegments waiting = held[other];
        if (waiting != null && waiting.count > 0) {
            acknowledge(other, stream, !fromClient, flags, ack, frame);
        }
        int sequence = (flags & SYN) != 0 ? seq + 1 : seq;
        if ((state[dir] & STARTED) == 0) {
            state[dir] |= STARTED;
            next[dir] = sequence;
            dissected[dir] = sequence;
        }
        if (!followers.isEmpty()) { // else nothing needs the follow order, nor what it holds for it
            data(dir, stream, fromClient, sequence, seglen, bytes, offset, captured, frame, timeNanos);
        }
        if (seglen > 0 && !dissectors.isEmpty() && (analysisFlags & NOT_DISSECTED) == 0) {
            dissect(dir, stream, fromClient, sequence, seglen, bytes, offset, captured, frame, timeNanos);
        }
        if ((flags & (FIN | RST)) != 0) {
            end(dir, stream, fromClient, frame);
            if ((flags & RST) != 0) {
                end(other, stream, !fromClient, frame);
            }
        }
    }

    /** What the other side acknowledges may be past holes of {@code dir}: gaps, and what they free. */
    private void acknowledge(int dir, int stream, boolean fromClient, int flags, int ack, long frame) {
        // tshark compares the acknowledgement number of a segment without ACK as it stands
        // with relative sequence numbers: in absolute terms, shifted by the base.
        int acknowledged = (flags & ACK) != 0 ? ack : ack + base[dir];
        while (drain(dir, stream, fromClient, acknowledged, true, frame)) {
            // each round delivers one held segment or reports one gap
        }
    }

    private void data(int dir, int stream, boolean fromClient, int sequence, int length,
                      byte[] bytes, int offset, int captured, long frame, long timeNanos) {
        int expected = next[dir];
        int dataOffset = 0;
        int dataLength = captured;
        if (sequence - expected < 0) {
            int end = sequence + length;
            if (end - expected > 0) {
                // A retransmission with more data than before: only the new bytes.
                dataOffset = expected - sequence;
                dataLength = dataLength <= dataOffset ? 0 : dataLength - dataOffset;
                sequence = expected;
                length = end - expected;
            }
        }
        if (dataLength == 0 || sequence - expected < 0) {
            return;
        }
        if (sequence == expected) {
            next[dir] = expected + length;
            followers.data(true, stream, fromClient, frame, timeNanos, bytes, offset + dataOffset, dataLength);
            HeldSegments waiting = held[dir];
            if (waiting != null && waiting.count > 0) {
                while (drain(dir, stream, fromClient, 0, false, frame)) {
                    // delivers the held segments this one made fit
                }
            }
            return;
        }
        hold(dir, stream, fromClient, sequence, length, bytes, offset + dataOffset, dataLength, frame, timeNanos);
    }

    /** The segment in the dissection order: delivered at once, after a gap for any hole before it, without what was delivered before. */
    private void dissect(int dir, int stream, boolean fromClient, int sequence, int length,
                         byte[] bytes, int offset, int captured, long frame, long timeNanos) {
        int expected = dissected[dir];
        int skip = 0;
        if (sequence - expected < 0) {
            if (sequence + length - expected <= 0) {
                return;
            }
            skip = expected - sequence;
        } else if (sequence != expected) {
            dissectors.gap(true, stream, fromClient, frame, (sequence - expected) & 0xffff_ffffL);
        }
        dissected[dir] = sequence + length;
        if (captured > skip) {
            dissectors.data(true, stream, fromClient, frame, timeNanos, bytes, offset + skip, captured - skip);
        }
    }

    /** Holds a segment that starts beyond the next expected byte, within the holding limits. */
    private void hold(int dir, int stream, boolean fromClient, int sequence, int length,
                      byte[] bytes, int offset, int dataLength, long frame, long timeNanos) {
        HeldSegments waiting = held[dir];
        long holding = waiting == null ? 0 : waiting.bytes;
        if (holding + dataLength > settings.maxHeldBytesPerDirection() || heldTotal + dataLength > settings.maxHeldBytesTotal()) {
            limitHits++;
            while (waiting != null && waiting.count > 0
                    && (waiting.bytes + dataLength > settings.maxHeldBytesPerDirection() || heldTotal + dataLength > settings.maxHeldBytesTotal())) {
                skipToLowest(dir, stream, fromClient, frame);
            }
            if (heldTotal + dataLength > settings.maxHeldBytesTotal() && sequence - next[dir] > 0) {
                // Other directions hold the rest: stop waiting for this one's hole altogether.
                gap(dir, stream, fromClient, frame, sequence - next[dir]);
                next[dir] = sequence;
            }
            data(dir, stream, fromClient, sequence, length, bytes, offset, dataLength, frame, timeNanos);
            return;
        }
        if (waiting == null) {
            waiting = held[dir] = new HeldSegments();
        }
        waiting.add(sequence, bytes, offset, dataLength, frame, timeNanos);
        heldTotal += dataLength;
    }

    /**
     * tshark's {@code check_follow_fragments}: delivers the first held segment (in arrival
     * order) that now fits, or its part beyond what was delivered; failing that, when
     * {@code useAck} and {@code acknowledged} lies beyond the lowest held segment, reports the
     * bytes before it as a gap. True when it did either.
     */
    private boolean drain(int dir, int stream, boolean fromClient, int acknowledged, boolean useAck, long frame) {
        HeldSegments waiting = held[dir];
        if (waiting == null || waiting.count == 0) {
            return false;
        }
        int expected = next[dir];
        for (int i = 0; i < waiting.count; i++) {
            int seq = waiting.sequence[i];
            int length = waiting.length(i);
            if (seq - expected < 0) {
                int newPosition = expected - seq;
                if (length - newPosition > 0) {
                    next[dir] = expected + length - newPosition;
                    followers.data(true, stream, fromClient, waiting.frame[i], waiting.timeNanos[i],
                            waiting.data[i], newPosition, length - newPosition);
                }
                release(waiting, i);
                return true;
            }
            if (seq == expected) {
                next[dir] = expected + length;
                followers.data(true, stream, fromClient, waiting.frame[i], waiting.timeNanos[i], waiting.data[i], 0, length);
                release(waiting, i);
                return true;
            }
        }
        int lowest = waiting.lowest();
        if (useAck && acknowledged - lowest > 0) {
            gap(dir, stream, fromClient, frame, lowest - expected);
            next[dir] = lowest;
            return true;
        }
        return false;
    }

    /** Gives up the hole before the lowest held segment: reports it as a gap, delivers what then fits. */
    private void skipToLowest(int dir, int stream, boolean fromClient, long frame) {
        int lowest = held[dir].lowest();
        gap(dir, stream, fromClient, frame, lowest - next[dir]);
        next[dir] = lowest;
        while (drain(dir, stream, fromClient, 0, false, frame)) {
            // delivers every held segment that now fits
        }
    }

    private void release(HeldSegments waiting, int index) {
        heldTotal -= waiting.length(index);
        waiting.remove(index);
    }

    private void gap(int dir, int stream, boolean fromClient, long frame, int length) {
        gaps++;
        gapBytes += length & 0xffff_ffffL;
        followers.gap(true, stream, fromClient, frame, length & 0xffff_ffffL);
    }

    private void end(int dir, int stream, boolean fromClient, long frame) {
        if ((state[dir] & ENDED) == 0) {
            state[dir] |= ENDED;
            ends.end(true, stream, fromClient, frame);
        }
    }

    /**
     * The capture is over: each direction of {@code entry} delivers what it still holds, after
     * gaps for the holes before, and ends.
     */
    void finish(int entry, int stream, boolean clientIsSideZero, long frame) {
        for (int side = 0; side < 2; side++) {
            int dir = 2 * entry + side;
            boolean fromClient = clientIsSideZero == (side == 0);
            HeldSegments waiting = held[dir];
            while (waiting != null && waiting.count > 0) {
                skipToLowest(dir, stream, fromClient, frame);
            }
            if ((state[dir] & STARTED) != 0) {
                end(dir, stream, fromClient, frame);
            }
        }
    }

    /** Bytes of out-of-order segments held now, over every direction. */
    long heldBytes() { return heldTotal; }

    /** Times a segment found a holding limit full, so that a hole was given up as a gap. */
    long limitHits() { return limitHits; }

    /** Gaps reported: holes in a direction that the capture never filled. */
    long gaps() { return gaps; }

    /** Bytes the gaps add up to. */
    long gapBytes() { return gapBytes; }
}
