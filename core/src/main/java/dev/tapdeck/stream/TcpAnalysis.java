package dev.tapdeck.stream;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.TcpHeader;

import java.util.Arrays;

/**
 * Wireshark's TCP sequence analysis ({@code tcp.analysis.*}) and conversation timestamps
 * ({@code tcp.time_relative}, {@code tcp.time_delta}), as Wireshark 4.0's packet-tcp.c makes
 * them in {@code tcp_analyze_sequence_number} on a first pass over a capture: the same tests,
 * in the same order, on the same state, with the same 32-bit sequence arithmetic, so that its
 * quirks are Tapdeck's too (a sequence number of 0 reads as "not seen yet", as there).
 *
 * <p>The {@link StreamTracker} calls it for every TCP segment of a tracked conversation, in
 * packet order, naming the conversation by its table entry; {@link #open} starts an entry
 * afresh. State lives in primitive arrays indexed by entry (per conversation) or by
 * {@code 2 * entry + side} (per direction, side 0 the client's). The segments each direction
 * sent and the other has not acknowledged yet, which acknowledgements and bytes in flight are
 * measured against, are nodes of one shared pool: linked lists, newest first, as Wireshark
 * keeps them. At most {@value #MAX_UNACKED_SEGMENTS} per direction (Wireshark's
 * {@code TCP_MAX_UNACKED_SEGMENTS}) and {@code maxSegments} in all are remembered; past
 * that a segment is analysed but not remembered, as past Wireshark's per-direction limit.
 * Analysing a segment allocates nothing once the arrays have grown to the capture's needs.
 */
public final class TcpAnalysis {
    /** Bits of {@link StreamFacts#analysisFlags()}: Wireshark's {@code TCP_A_*} conditions. */
    public static final int RETRANSMISSION = 1,
            LOST_SEGMENT = 1 << 1,
            ACK_LOST_SEGMENT = 1 << 2,
            KEEP_ALIVE = 1 << 3,
            DUPLICATE_ACK = 1 << 4,
            ZERO_WINDOW = 1 << 5,
            ZERO_WINDOW_PROBE = 1 << 6,
            ZERO_WINDOW_PROBE_ACK = 1 << 7,
            KEEP_ALIVE_ACK = 1 << 8,
            OUT_OF_ORDER = 1 << 9,
            FAST_RETRANSMISSION = 1 << 10,
            WINDOW_UPDATE = 1 << 11,
            WINDOW_FULL = 1 << 12,
            SPURIOUS_RETRANSMISSION = 1 << 13;

    public static final int DEFAULT_MAX_SEGMENTS = 1 << 21;
    /** Wireshark's {@code TCP_MAX_UNACKED_SEGMENTS}: segments remembered per direction. */
    static final int MAX_UNACKED_SEGMENTS = 10_000;
    /** How soon after the highest segment an earlier one is out of order rather than retransmitted, without an iRTT. */
    private static final long OUT_OF_ORDER_NANOS = 3_000_000;
    /** How soon after the second duplicate ACK a retransmission of the acknowledged byte is a fast one. */
    private static final long FAST_RETRANSMISSION_NANOS = 20_000_000;
    private static final int FIN = TcpHeader.FIN, SYN = TcpHeader.SYN, RST = TcpHeader.RST, PSH = TcpHeader.PSH, ACK = TcpHeader.ACK;
    /** {@link #winScale}: no window scale option seen yet, or none in use. */
    private static final byte SCALE_UNKNOWN = -1, SCALE_NONE = -2;
    /** Bits of {@link #sideBits}. */
    private static final byte BASE_SEQ_SET = 1, VALID_BYTES_IN_FLIGHT = 2, PUSH_SET_LAST = 4, UNSEEN_ACKED = 8;

    private final boolean sequenceAnalysis;
    private final boolean timestamps;
    private final int maxSegments;

    // Per conversation entry.
    private long[] firstTime = new long[0];
    private long[] previousTime = new long[0];
    /** When the last SYN (without ACK) was seen, 0 for none: where the iRTT starts. */
    private long[] synTime = new long[0];
    /** Wireshark's {@code ts_first_rtt}: 0 until known. */
    private long[] initialRtt = new long[0];

    // Per direction, 2 * entry + side: Wireshark's tcp_flow_t.
    private int[] nextSeq = new int[0];
    private int[] nextSeqFrame = new int[0];
    private long[] nextSeqTime = new long[0];
    private int[] lastAck = new int[0];
    private long[] lastAckTime = new long[0];
    private int[] window = new int[0];
    private byte[] winScale = new byte[0];
    private int[] dupAcks = new int[0];
    private int[] lastNonDupAck = new int[0];
    private int[] lastSegmentFlags = new int[0];
    private int[] maxSeqToBeAcked = new int[0];
    private int[] baseSeq = new int[0];
    private int[] pushBytes = new int[0];
    /** The bytes the SACK blocks of the direction's last segment cover: not in flight for the other. */
    private int[] sackedBytes = new int[0];
    private byte[] sideBits = new byte[0];
    private int[] segmentHead = new int[0];
    private int[] segmentCount = new int[0];
    /**
     * Per side, the lowest first byte and highest end of its unacknowledged segments, relative
     * to its base sequence number (which is set before its first segment and then stays): kept
     * as segments are remembered and acknowledged, so bytes in flight need no walk of the list,
     * which in a stream seen one way only (never acknowledged) holds thousands of segments.
     */
    private int[] unackedFirst = new int[0];
    private int[] unackedEnd = new int[0];

    // The pool of unacknowledged segments.
    private int[] segmentSeq = new int[0];
    private int[] segmentNextSeq = new int[0];
    private int[] segmentFrame = new int[0];
    private long[] segmentTime = new long[0];
    private int[] segmentLink = new int[0];
    private int freeSegment = -1;
    private int segmentsMade;

    /** Wireshark's defaults: sequence analysis on, timestamps off. */
    public TcpAnalysis() {
        this(true, false, DEFAULT_MAX_SEGMENTS);
    }

    /**
     * @param sequenceAnalysis Wireshark's {@code tcp.analyze_sequence_numbers}
     * @param timestamps       Wireshark's {@code tcp.calculate_timestamps}
     * @param maxSegments      unacknowledged segments remembered in all conversations together
     */
    public TcpAnalysis(boolean sequenceAnalysis, boolean timestamps, int maxSegments) {
        this.sequenceAnalysis = sequenceAnalysis;
        this.timestamps = timestamps;
        this.maxSegments = maxSegments;
    }

    /** Starts conversation {@code entry} afresh with its first packet, seen at {@code nanos}. */
    void open(int entry, long nanos) {
        if (2 * entry + 1 >= nextSeq.length) {
            grow(Math.max(2 * entry + 2, 2 * nextSeq.length));
        }
        firstTime[entry] = nanos;
        previousTime[entry] = nanos;
        synTime[entry] = 0;
        initialRtt[entry] = 0;
        for (int side = 2 * entry; side <= 2 * entry + 1; side++) {
            nextSeq[side] = 0;
            nextSeqFrame[side] = 0;
            nextSeqTime[side] = 0;
            lastAck[side] = 0;
            lastAckTime[side] = 0;
            window[side] = -1; // Wireshark's G_MAXUINT32: no window seen, so no zero-window probe either
            winScale[side] = SCALE_UNKNOWN;
            dupAcks[side] = 0;
            lastNonDupAck[side] = 0;
            lastSegmentFlags[side] = 0;
            maxSeqToBeAcked[side] = 0;
            baseSeq[side] = 0;
            pushBytes[side] = 0;
            sackedBytes[side] = 0;
            sideBits[side] = VALID_BYTES_IN_FLIGHT;
            freeSegments(side);
        }
    }

    /**
     * Analyses the TCP segment of {@code d}, frame {@code frame} seen at {@code nanos}, of conversation
     * {@code entry}, sent by its client when {@code fromClient}; writes what it found into
     * {@code out}.
     */
    void analyze(int entry, boolean fromClient, Dissection d, long frame, long nanos, StreamFacts out) {
        if (d.quoteStart() < d.layerCount()) {
            return; // a segment quoted by an ICMP error was not sent again
        }
        TcpHeader t = d.tcp;
        if (timestamps) {
            out.timestamps = true;
            out.timeRelative = nanos - firstTime[entry];
            out.timeDelta = nanos - previousTime[entry];
            previousTime[entry] = nanos;
        }
        if (!sequenceAnalysis) {
            return;
        }
        int fwd = 2 * entry + (fromClient ? 0 : 1);
        int rev = fwd ^ 1;
        int seq = (int) t.sequence();
        int ack = (int) t.acknowledgement();
        int flags = t.flags();
        int win = t.window();
        // A SYN's window is never scaled (RFC 7323 §2.2); an unknown scale leaves it as sent.
        out.windowSize = (flags & SYN) == 0 && winScale[fwd] >= 0 ? (long) win << winScale[fwd] : win;
        int seglen = Math.max(0, t.payloadLength());
        int frameNumber = (int) frame;
        measureInitialRtt(entry, flags, nanos);

        if ((sideBits[fwd] & BASE_SEQ_SET) == 0) {
            baseSeq[fwd] = (flags & SYN) != 0 ? seq : seq - 1;
            sideBits[fwd] |= BASE_SEQ_SET;
        }
        if ((sideBits[rev] & BASE_SEQ_SET) == 0 && (flags & ACK) != 0) {
            baseSeq[rev] = ack - 1;
            sideBits[rev] |= BASE_SEQ_SET;
        }
        if ((flags & ACK) != 0) {
            sideBits[rev] |= VALID_BYTES_IN_FLIGHT;
        }

        int found = 0;
        boolean noSynFinRst = (flags & (SYN | FIN | RST)) == 0;
        checks:
        {
            if (seglen == 1 && seq == nextSeq[fwd] && window[rev] == 0) {
                found |= ZERO_WINDOW_PROBE;
                break checks;
            }
            if (win == 0 && noSynFinRst) {
                found |= ZERO_WINDOW;
            }
            if (nextSeq[fwd] != 0 && seq - nextSeq[fwd] > 0 && (flags & RST) == 0) {
                found |= LOST_SEGMENT;
                sideBits[fwd] &= ~VALID_BYTES_IN_FLIGHT; // until the other side acknowledges something
            }
            if (seglen <= 1 && seq == nextSeq[fwd] - 1 && noSynFinRst) {
                found |= KEEP_ALIVE;
            }
            boolean repeatsLast = seglen == 0 && seq == nextSeq[fwd] && ack == lastAck[fwd] && noSynFinRst;
            if (repeatsLast && win != 0 && win != window[fwd]) {
                found |= WINDOW_UPDATE;
            }
            if (seglen > 0 && winScale[rev] != SCALE_UNKNOWN && noSynFinRst
                    && seq + seglen == lastAck[rev] + (window[rev] << (winScale[rev] == SCALE_NONE ? 0 : winScale[rev]))) {
                found |= WINDOW_FULL;
            }
            if (repeatsLast && win != 0 && win == window[fwd] && (lastSegmentFlags[rev] & KEEP_ALIVE) != 0) {
                found |= KEEP_ALIVE_ACK;
                break checks;
            }
            if (repeatsLast && win == 0 && window[fwd] == 0 && (lastSegmentFlags[rev] & ZERO_WINDOW_PROBE) != 0) {
                found |= ZERO_WINDOW_PROBE_ACK;
                break checks;
            }
            if (repeatsLast && win != 0 && win == window[fwd]) {
                dupAcks[fwd]++;
                found |= DUPLICATE_ACK;
                out.duplicateAckNumber = dupAcks[fwd];
                out.duplicateAckFrame = lastNonDupAck[fwd];
            }
        }
        if (ack != lastAck[fwd]) {
            lastNonDupAck[fwd] = frameNumber;
            dupAcks[fwd] = 0;
        }

        boolean analyzed = false;
        sideBits[fwd] &= ~UNSEEN_ACKED;
        if (maxSeqToBeAcked[rev] != 0 && ack - maxSeqToBeAcked[rev] > 0 && (flags & ACK) != 0) {
            analyzed = true;
            if ((sideBits[rev] & UNSEEN_ACKED) == 0) {
                found |= ACK_LOST_SEGMENT;
            }
            if (maxSeqToBeAcked[rev] == nextSeq[rev]) {
                sideBits[rev] |= UNSEEN_ACKED;
            }
            maxSeqToBeAcked[rev] = nextSeq[rev];
        }

        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && nextSeq[fwd] != 0 && seq - nextSeq[fwd] < 0
                && (found & KEEP_ALIVE) == 0) {
            found |= retransmissionKind(entry, fwd, rev, seq, seglen, flags, nanos);
            if ((found & RETRANSMISSION) != 0) {
                retransmissionTimeout(fwd, nanos, out);
            }
        }

        int next = seq + seglen;
        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && segmentCount[fwd] < MAX_UNACKED_SEGMENTS) {
            if ((flags & (SYN | FIN)) != 0) {
                next++;
            }
            remember(fwd, frameNumber, seq, next, nanos);
        }
        boolean probe = (found & ZERO_WINDOW_PROBE) != 0; // a probe does not advance the sequence
        if ((next - nextSeq[fwd] > 0 || nextSeq[fwd] == 0) && !probe) {
            nextSeq[fwd] = next;
            nextSeqFrame[fwd] = frameNumber;
            nextSeqTime[fwd] = nanos;
        }
        if ((seq == maxSeqToBeAcked[fwd] || maxSeqToBeAcked[fwd] == 0) && !probe) {
            maxSeqToBeAcked[fwd] = nextSeq[fwd];
        }
        window[fwd] = win;
        lastAck[fwd] = ack;
        lastAckTime[fwd] = nanos;
        lastSegmentFlags[fwd] = found;

        analyzed |= found != 0;
        analyzed |= acknowledge(rev, ack, nanos, out);
        analyzed |= bytesInFlight(fwd, seglen, flags, sackedBytes[rev], out);
        sackedBytes[fwd] = t.sackedBytes();
        if ((flags & SYN) != 0) {
            windowScaling(fwd, rev, flags, t.windowScale());
        }
        out.analysisFlags = found;
        out.analyzed = analyzed;
        out.initialRtt = initialRtt[entry];
    }

    /**
     * The marks Wireshark puts in front of a segment's info column for what the analysis
     * found ({@code [TCP Retransmission] }, {@code [TCP Dup ACK 12#1] }, ...). Wireshark
     * prepends them one by one in the order of {@code tcp_print_sequence_number_analysis}, so
     * they read in the opposite order: the zero-window marks first, retransmissions last.
     */
    public static void appendInfoMarks(StreamFacts facts, StringBuilder out) {
        int flags = facts.analysisFlags();
        if (flags == 0) {
            return;
        }
        mark(flags, ZERO_WINDOW_PROBE_ACK, "[TCP ZeroWindowProbeAck] ", out);
        mark(flags, ZERO_WINDOW, "[TCP ZeroWindow] ", out);
        mark(flags, ZERO_WINDOW_PROBE, "[TCP ZeroWindowProbe] ", out);
        if ((flags & DUPLICATE_ACK) != 0) {
            out.append("[TCP Dup ACK ").append(facts.duplicateAckFrame()).append('#').append(facts.duplicateAckNumber()).append("] ");
        }
        mark(flags, KEEP_ALIVE_ACK, "[TCP Keep-Alive ACK] ", out);
        mark(flags, KEEP_ALIVE, "[TCP Keep-Alive] ", out);
        mark(flags, WINDOW_FULL, "[TCP Window Full] ", out);
        mark(flags, WINDOW_UPDATE, "[TCP Window Update] ", out);
        mark(flags, ACK_LOST_SEGMENT, "[TCP ACKed unseen segment] ", out);
        mark(flags, LOST_SEGMENT, "[TCP Previous segment not captured] ", out);
        mark(flags, OUT_OF_ORDER, "[TCP Out-Of-Order] ", out);
        mark(flags, SPURIOUS_RETRANSMISSION, "[TCP Spurious Retransmission] ", out);
        mark(flags, FAST_RETRANSMISSION, "[TCP Fast Retransmission] ", out);
        mark(flags, RETRANSMISSION, "[TCP Retransmission] ", out);
    }

    private static void mark(int flags, int bit, String text, StringBuilder out) {
        if ((flags & bit) != 0) {
            out.append(text);
        }
    }

    /** Wireshark's iRTT: from the last SYN to the first ACK without SYN after it. */
    private void measureInitialRtt(int entry, int flags, long nanos) {
        if ((flags & (SYN | ACK)) == SYN) {
            synTime[entry] = nanos;
        } else if ((flags & (SYN | ACK)) == ACK && synTime[entry] != 0 && initialRtt[entry] == 0) {
            initialRtt[entry] = nanos - synTime[entry];
        }
    }

    /** What a segment that starts before the highest sequence number sent is: retransmitted, and how, or out of order. */
    private int retransmissionKind(int entry, int fwd, int rev, int seq, int seglen, int flags, long nanos) {
        if (dupAcks[rev] >= 2 && lastAck[rev] == seq && Long.compareUnsigned(nanos - lastAckTime[rev], FAST_RETRANSMISSION_NANOS) < 0) {
            return FAST_RETRANSMISSION;
        }
        long outOfOrder = initialRtt[entry] == 0 ? OUT_OF_ORDER_NANOS : initialRtt[entry];
        int end = seq + seglen + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        if (Long.compareUnsigned(nanos - nextSeqTime[fwd], outOfOrder) < 0 && nextSeq[fwd] != end) {
            return OUT_OF_ORDER;
        }
        if (seglen > 0 && lastAck[rev] != 0 && seq + seglen - lastAck[rev] <= 0) {
            return SPURIOUS_RETRANSMISSION;
        }
        return RETRANSMISSION;
    }

    /**
     * How long a retransmission came after the oldest segment still unacknowledged (the
     * list's last, being newest first), or else after the one that had sent the most.
     */
    private void retransmissionTimeout(int side, long nanos, StreamFacts out) {
        out.rto = nanos - nextSeqTime[side];
        out.rtoFrame = nextSeqFrame[side];
        for (int node = segmentHead[side]; node >= 0; node = segmentLink[node]) {
            out.rto = nanos - segmentTime[node];
            out.rtoFrame = segmentFrame[node];
        }
    }

    /**
     * Lets acknowledgement {@code ack} take the segments of direction {@code side} it covers;
     * true when it acknowledges one exactly, whose frame and round trip go into {@code out}.
     * The list is newest first, so of two segments with the same end the older one is named,
     * as in Wireshark.
     */
    private boolean acknowledge(int side, int ack, long nanos, StreamFacts out) {
        boolean exact = false;
        int previous = -1;
        int node = segmentHead[side];
        int base = baseSeq[side];
        unackedFirst[side] = -1; // the highest unsigned value: any kept segment's start is lower
        unackedEnd[side] = 0;
        while (node >= 0) {
            if (ack == segmentNextSeq[node]) {
                exact = true;
                out.acksFrame = segmentFrame[node];
                out.ackRtt = nanos - segmentTime[node];
            } else if (ack - segmentSeq[node] > 0 && ack - segmentNextSeq[node] <= 0) {
                segmentSeq[node] = ack; // partly acknowledged: the rest stays
                widenUnacked(side, node, base);
                previous = node;
                node = segmentLink[node];
                continue;
            } else if (segmentNextSeq[node] - ack > 0) {
                widenUnacked(side, node, base);
                previous = node;
                node = segmentLink[node];
                continue;
            }
            int following = segmentLink[node];
            if (previous < 0) {
                segmentHead[side] = following;
            } else {
                segmentLink[previous] = following;
            }
            release(node);
            segmentCount[side]--;
            node = following;
        }
        return exact;
    }

    /**
     * Bytes in flight after a data segment of direction {@code side}, from its first
     * unacknowledged byte to its highest, less the {@code sacked} bytes the other side's last
     * SACK blocks cover; and the bytes sent since the last PSH. True when measured.
     */
    private boolean bytesInFlight(int side, int seglen, int flags, int sacked, StreamFacts out) {
        int node = segmentHead[side];
        if (seglen == 0 || node < 0 || (sideBits[side] & VALID_BYTES_IN_FLIGHT) == 0) {
            return false;
        }
        int inFlight = unackedEnd[side] - unackedFirst[side] - sacked - ((flags & FIN) != 0 ? 1 : 0); // a FIN's sequence number is no byte
        if (inFlight > 0 && inFlight < 2_000_000_000) {
            out.bytesInFlight = inFlight;
        }
        pushBytes[side] = (sideBits[side] & PUSH_SET_LAST) != 0 ? seglen : pushBytes[side] + seglen;
        sideBits[side] = (byte) ((flags & PSH) != 0 ? sideBits[side] | PUSH_SET_LAST : sideBits[side] & ~PUSH_SET_LAST);
        out.pushBytesSent = pushBytes[side];
        return true;
    }

    /**
     * The window scale of a SYN's sender (Wireshark's {@code verify_tcp_window_scaling}): a
     * SYN without the option means neither side scales; a SYN-ACK without it after a SYN
     * with it, the same.
     */
    private void windowScaling(int fwd, int rev, int flags, int shift) {
        if (shift >= 0) {
            winScale[fwd] = (byte) Math.min(shift, 14);
        }
        if (winScale[fwd] == SCALE_UNKNOWN) {
            winScale[fwd] = SCALE_NONE;
            winScale[rev] = SCALE_NONE;
        } else if ((flags & ACK) != 0 && winScale[rev] == SCALE_NONE) {
            winScale[fwd] = SCALE_NONE;
        }
    }

    private void remember(int side, int frame, int seq, int next, long nanos) {
        int node = freeSegment;
        if (node >= 0) {
            freeSegment = segmentLink[node];
        } else if (segmentsMade < maxSegments) {
            if (segmentsMade == segmentSeq.length) {
                growSegments(Math.min(maxSegments, Math.max(1024, 2 * segmentsMade)));
            }
            node = segmentsMade++;
        } else {
            return; // the pool is full: analysed, not remembered
        }
        segmentSeq[node] = seq;
        segmentNextSeq[node] = next;
        segmentFrame[node] = frame;
        segmentTime[node] = nanos;
        segmentLink[node] = segmentHead[side];
        segmentHead[side] = node;
        if (segmentCount[side]++ == 0) {
            unackedFirst[side] = -1;
            unackedEnd[side] = 0;
        }
        widenUnacked(side, node, baseSeq[side]);
    }

    /** Takes segment {@code node} of {@code side} into the side's unacknowledged range. */
    private void widenUnacked(int side, int node, int base) {
        if (Integer.compareUnsigned(segmentSeq[node] - base, unackedFirst[side]) < 0) {
            unackedFirst[side] = segmentSeq[node] - base;
        }
        if (Integer.compareUnsigned(segmentNextSeq[node] - base, unackedEnd[side]) > 0) {
            unackedEnd[side] = segmentNextSeq[node] - base;
        }
    }

    private void release(int node) {
        segmentLink[node] = freeSegment;
        freeSegment = node;
    }

    private void freeSegments(int side) {
        int node = segmentHead[side];
        while (node >= 0) {
            int following = segmentLink[node];
            release(node);
            node = following;
        }
        segmentHead[side] = -1;
        segmentCount[side] = 0;
    }

    private void grow(int sides) {
        int entries = sides / 2;
        firstTime = Arrays.copyOf(firstTime, entries);
        previousTime = Arrays.copyOf(previousTime, entries);
        synTime = Arrays.copyOf(synTime, entries);
        initialRtt = Arrays.copyOf(initialRtt, entries);
        int old = nextSeq.length;
        nextSeq = Arrays.copyOf(nextSeq, sides);
        nextSeqFrame = Arrays.copyOf(nextSeqFrame, sides);
        nextSeqTime = Arrays.copyOf(nextSeqTime, sides);
        lastAck = Arrays.copyOf(lastAck, sides);
        lastAckTime = Arrays.copyOf(lastAckTime, sides);
        window = Arrays.copyOf(window, sides);
        winScale = Arrays.copyOf(winScale, sides);
        dupAcks = Arrays.copyOf(dupAcks, sides);
        lastNonDupAck = Arrays.copyOf(lastNonDupAck, sides);
        lastSegmentFlags = Arrays.copyOf(lastSegmentFlags, sides);
        maxSeqToBeAcked = Arrays.copyOf(maxSeqToBeAcked, sides);
        baseSeq = Arrays.copyOf(baseSeq, sides);
        pushBytes = Arrays.copyOf(pushBytes, sides);
        sackedBytes = Arrays.copyOf(sackedBytes, sides);
        sideBits = Arrays.copyOf(sideBits, sides);
        segmentHead = Arrays.copyOf(segmentHead, sides);
        Arrays.fill(segmentHead, old, sides, -1);
        segmentCount = Arrays.copyOf(segmentCount, sides);
        unackedFirst = Arrays.copyOf(unackedFirst, sides);
        unackedEnd = Arrays.copyOf(unackedEnd, sides);
    }

    private void growSegments(int size) {
        segmentSeq = Arrays.copyOf(segmentSeq, size);
        segmentNextSeq = Arrays.copyOf(segmentNextSeq, size);
        segmentFrame = Arrays.copyOf(segmentFrame, size);
        segmentTime = Arrays.copyOf(segmentTime, size);
        segmentLink = Arrays.copyOf(segmentLink, size);
    }
}
