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
 * afresh. A direction ({@code 2 * entry + side}, side 0 the client's) keeps its state in one
 * record of {@link #flows}, a conversation its times in one record of {@link #times}: what one
 * segment reads and writes lies in a few cache lines, where an array per value made it a line
 * per value, each a miss on a link with hundreds of conversations open. The segments each
 * direction sent and the other has not acknowledged yet, which acknowledgements and bytes in flight are
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
    /** A direction's {@code WIN_SCALE}: no window scale option seen yet, or none in use. */
    private static final int SCALE_UNKNOWN = -1, SCALE_NONE = -2;
    /** Bits of a direction's {@code BITS}. */
    private static final int BASE_SEQ_SET = 1, VALID_BYTES_IN_FLIGHT = 2, PUSH_SET_LAST = 4, UNSEEN_ACKED = 8;

    private final boolean sequenceAnalysis;
    private final boolean timestamps;
    private final int maxSegments;

    /**
     * Per direction, {@link #DIRECTION_INTS} ints from {@code DIRECTION_INTS * direction}:
     * Wireshark's tcp_flow_t. {@code UNACKED_FIRST} and {@code UNACKED_END} are the lowest
     * first byte and highest end of the direction's unacknowledged segments, relative to its
     * base sequence number (which is set before its first segment and then stays): kept as
     * segments are remembered and acknowledged, so bytes in flight need no walk of the list,
     * which in a stream seen one way only (never acknowledged) holds thousands of segments.
     * {@code SACKED_BYTES}: the bytes the SACK blocks of the direction's last segment cover,
     * not in flight for the other. {@code BITS}: the bits below.
     */
    private static final int NEXT_SEQ = 0, NEXT_SEQ_FRAME = 1, LAST_ACK = 2, WINDOW = 3, WIN_SCALE = 4, DUP_ACKS = 5,
            LAST_NON_DUP_ACK = 6, LAST_SEGMENT_FLAGS = 7, MAX_SEQ_TO_BE_ACKED = 8, BASE_SEQ = 9, PUSH_BYTES = 10,
            SACKED_BYTES = 11, BITS = 12, SEGMENT_HEAD = 13, SEGMENT_COUNT = 14, UNACKED_FIRST = 15, UNACKED_END = 16,
            DIRECTION_INTS = 17;
    /**
     * Per conversation, {@link #CONVERSATION_LONGS} longs from {@code CONVERSATION_LONGS * entry}:
     * its first and previous packet's times, when the last SYN (without ACK) was seen (0 for
     * none: where the iRTT starts), Wireshark's {@code ts_first_rtt} (0 until known), then per
     * side (added) the time of its highest segment and of its last acknowledgement.
     */
    private static final int FIRST_TIME = 0, PREVIOUS_TIME = 1, SYN_TIME = 2, INITIAL_RTT = 3, NEXT_SEQ_TIME = 4,
            LAST_ACK_TIME = 6, CONVERSATION_LONGS = 8;

    private int[] flows = new int[0];
    private long[] times = new long[0];

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
        if (CONVERSATION_LONGS * (entry + 1) > times.length) {
            grow(Math.max(entry + 1, 2 * times.length / CONVERSATION_LONGS));
        }
        int c = CONVERSATION_LONGS * entry;
        Arrays.fill(times, c, c + CONVERSATION_LONGS, 0);
        times[c + FIRST_TIME] = nanos;
        times[c + PREVIOUS_TIME] = nanos;
        for (int direction = 2 * entry; direction <= 2 * entry + 1; direction++) {
            freeSegments(direction);
            int f = DIRECTION_INTS * direction;
            Arrays.fill(flows, f, f + DIRECTION_INTS, 0);
            flows[f + WINDOW] = -1; // Wireshark's G_MAXUINT32: no window seen, so no zero-window probe either
            flows[f + WIN_SCALE] = SCALE_UNKNOWN;
            flows[f + BITS] = VALID_BYTES_IN_FLIGHT;
            flows[f + SEGMENT_HEAD] = -1;
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
        int c = CONVERSATION_LONGS * entry;
        if (timestamps) {
            out.timestamps = true;
            out.timeRelative = nanos - times[c + FIRST_TIME];
            out.timeDelta = nanos - times[c + PREVIOUS_TIME];
            times[c + PREVIOUS_TIME] = nanos;
        }
        if (!sequenceAnalysis) {
            return;
        }
        int fwd = 2 * entry + (fromClient ? 0 : 1);
        int rev = fwd ^ 1;
        int f = DIRECTION_INTS * fwd;
        int r = DIRECTION_INTS * rev;
        int seq = (int) t.sequence();
        int ack = (int) t.acknowledgement();
        int flags = t.flags();
        int win = t.window();
        // A SYN's window is never scaled (RFC 7323 §2.2); an unknown scale leaves it as sent.
        int sentScale = flows[f + WIN_SCALE];
        out.windowSize = (flags & SYN) == 0 && sentScale >= 0 ? (long) win << sentScale : win;
        int seglen = Math.max(0, t.payloadLength());
        int frameNumber = (int) frame;
        measureInitialRtt(c, flags, nanos);

        if ((flows[f + BITS] & BASE_SEQ_SET) == 0) {
            flows[f + BASE_SEQ] = (flags & SYN) != 0 ? seq : seq - 1;
            flows[f + BITS] |= BASE_SEQ_SET;
        }
        if ((flows[r + BITS] & BASE_SEQ_SET) == 0 && (flags & ACK) != 0) {
            flows[r + BASE_SEQ] = ack - 1;
            flows[r + BITS] |= BASE_SEQ_SET;
        }
        if ((flags & ACK) != 0) {
            flows[r + BITS] |= VALID_BYTES_IN_FLIGHT;
        }

        int found = 0;
        boolean noSynFinRst = (flags & (SYN | FIN | RST)) == 0;
        checks:
        {
            if (seglen == 1 && seq == flows[f + NEXT_SEQ] && flows[r + WINDOW] == 0) {
                found |= ZERO_WINDOW_PROBE;
                break checks;
            }
            if (win == 0 && noSynFinRst) {
                found |= ZERO_WINDOW;
            }
            if (flows[f + NEXT_SEQ] != 0 && seq - flows[f + NEXT_SEQ] > 0 && (flags & RST) == 0) {
                found |= LOST_SEGMENT;
                flows[f + BITS] &= ~VALID_BYTES_IN_FLIGHT; // until the other side acknowledges something
            }
            if (seglen <= 1 && seq == flows[f + NEXT_SEQ] - 1 && noSynFinRst) {
                found |= KEEP_ALIVE;
            }
            boolean repeatsLast = seglen == 0 && seq == flows[f + NEXT_SEQ] && ack == flows[f + LAST_ACK] && noSynFinRst;
            if (repeatsLast && win != 0 && win != flows[f + WINDOW]) {
                found |= WINDOW_UPDATE;
            }
            int scale = flows[r + WIN_SCALE];
            if (seglen > 0 && scale != SCALE_UNKNOWN && noSynFinRst
                    && seq + seglen == flows[r + LAST_ACK] + (flows[r + WINDOW] << (scale == SCALE_NONE ? 0 : scale))) {
                found |= WINDOW_FULL;
            }
            if (repeatsLast && win != 0 && win == flows[f + WINDOW] && (flows[r + LAST_SEGMENT_FLAGS] & KEEP_ALIVE) != 0) {
                found |= KEEP_ALIVE_ACK;
                break checks;
            }
            if (repeatsLast && win == 0 && flows[f + WINDOW] == 0 && (flows[r + LAST_SEGMENT_FLAGS] & ZERO_WINDOW_PROBE) != 0) {
                found |= ZERO_WINDOW_PROBE_ACK;
                break checks;
            }
            if (repeatsLast && win != 0 && win == flows[f + WINDOW]) {
                flows[f + DUP_ACKS]++;
                found |= DUPLICATE_ACK;
                out.duplicateAckNumber = flows[f + DUP_ACKS];
                out.duplicateAckFrame = flows[f + LAST_NON_DUP_ACK];
            }
        }
        if (ack != flows[f + LAST_ACK]) {
            flows[f + LAST_NON_DUP_ACK] = frameNumber;
            flows[f + DUP_ACKS] = 0;
        }

        boolean analyzed = false;
        flows[f + BITS] &= ~UNSEEN_ACKED;
        if (flows[r + MAX_SEQ_TO_BE_ACKED] != 0 && ack - flows[r + MAX_SEQ_TO_BE_ACKED] > 0 && (flags & ACK) != 0) {
            analyzed = true;
            if ((flows[r + BITS] & UNSEEN_ACKED) == 0) {
                found |= ACK_LOST_SEGMENT;
            }
            if (flows[r + MAX_SEQ_TO_BE_ACKED] == flows[r + NEXT_SEQ]) {
                flows[r + BITS] |= UNSEEN_ACKED;
            }
            flows[r + MAX_SEQ_TO_BE_ACKED] = flows[r + NEXT_SEQ];
        }

        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && flows[f + NEXT_SEQ] != 0 && seq - flows[f + NEXT_SEQ] < 0
                && (found & KEEP_ALIVE) == 0) {
            found |= retransmissionKind(entry, fwd, rev, seq, seglen, flags, nanos);
            if ((found & RETRANSMISSION) != 0) {
                retransmissionTimeout(fwd, nanos, out);
            }
        }

        int next = seq + seglen;
        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && flows[f + SEGMENT_COUNT] < MAX_UNACKED_SEGMENTS) {
            if ((flags & (SYN | FIN)) != 0) {
                next++;
            }
            remember(fwd, frameNumber, seq, next, nanos);
        }
        boolean probe = (found & ZERO_WINDOW_PROBE) != 0; // a probe does not advance the sequence
        if ((next - flows[f + NEXT_SEQ] > 0 || flows[f + NEXT_SEQ] == 0) && !probe) {
            flows[f + NEXT_SEQ] = next;
            flows[f + NEXT_SEQ_FRAME] = frameNumber;
            times[sideTime(fwd, NEXT_SEQ_TIME)] = nanos;
        }
        if ((seq == flows[f + MAX_SEQ_TO_BE_ACKED] || flows[f + MAX_SEQ_TO_BE_ACKED] == 0) && !probe) {
            flows[f + MAX_SEQ_TO_BE_ACKED] = flows[f + NEXT_SEQ];
        }
        flows[f + WINDOW] = win;
        flows[f + LAST_ACK] = ack;
        times[sideTime(fwd, LAST_ACK_TIME)] = nanos;
        flows[f + LAST_SEGMENT_FLAGS] = found;

        analyzed |= found != 0;
        analyzed |= acknowledge(rev, ack, nanos, out);
        analyzed |= bytesInFlight(fwd, seglen, flags, flows[r + SACKED_BYTES], out);
        flows[f + SACKED_BYTES] = t.sackedBytes();
        if ((flags & SYN) != 0) {
            windowScaling(fwd, rev, flags, t.windowScale());
        }
        out.analysisFlags = found;
        out.analyzed = analyzed;
        out.initialRtt = times[c + INITIAL_RTT];
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

    /** Where {@code field} ({@code NEXT_SEQ_TIME} or {@code LAST_ACK_TIME}) of {@code direction} is in {@link #times}. */
    private static int sideTime(int direction, int field) {
        return CONVERSATION_LONGS * (direction >> 1) + field + (direction & 1);
    }

    /** Wireshark's iRTT: from the last SYN to the first ACK without SYN after it, of the conversation whose times start at {@code c}. */
    private void measureInitialRtt(int c, int flags, long nanos) {
        if ((flags & (SYN | ACK)) == SYN) {
            times[c + SYN_TIME] = nanos;
        } else if ((flags & (SYN | ACK)) == ACK && times[c + SYN_TIME] != 0 && times[c + INITIAL_RTT] == 0) {
            times[c + INITIAL_RTT] = nanos - times[c + SYN_TIME];
        }
    }

    /** What a segment that starts before the highest sequence number sent is: retransmitted, and how, or out of order. */
    private int retransmissionKind(int entry, int fwd, int rev, int seq, int seglen, int flags, long nanos) {
        int f = DIRECTION_INTS * fwd;
        int r = DIRECTION_INTS * rev;
        if (flows[r + DUP_ACKS] >= 2 && flows[r + LAST_ACK] == seq
                && Long.compareUnsigned(nanos - times[sideTime(rev, LAST_ACK_TIME)], FAST_RETRANSMISSION_NANOS) < 0) {
            return FAST_RETRANSMISSION;
        }
        long initialRtt = times[CONVERSATION_LONGS * entry + INITIAL_RTT];
        long outOfOrder = initialRtt == 0 ? OUT_OF_ORDER_NANOS : initialRtt;
        int end = seq + seglen + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        if (Long.compareUnsigned(nanos - times[sideTime(fwd, NEXT_SEQ_TIME)], outOfOrder) < 0 && flows[f + NEXT_SEQ] != end) {
            return OUT_OF_ORDER;
        }
        if (seglen > 0 && flows[r + LAST_ACK] != 0 && seq + seglen - flows[r + LAST_ACK] <= 0) {
            return SPURIOUS_RETRANSMISSION;
        }
        return RETRANSMISSION;
    }

    /**
     * How long a retransmission came after the oldest segment still unacknowledged (the
     * list's last, being newest first), or else after the one that had sent the most.
     */
    private void retransmissionTimeout(int direction, long nanos, StreamFacts out) {
        int at = DIRECTION_INTS * direction;
        out.rto = nanos - times[sideTime(direction, NEXT_SEQ_TIME)];
        out.rtoFrame = flows[at + NEXT_SEQ_FRAME];
        for (int node = flows[at + SEGMENT_HEAD]; node >= 0; node = segmentLink[node]) {
            out.rto = nanos - segmentTime[node];
            out.rtoFrame = segmentFrame[node];
        }
    }

    /**
     * Lets acknowledgement {@code ack} take the segments of {@code direction} it covers;
     * true when it acknowledges one exactly, whose frame and round trip go into {@code out}.
     * The list is newest first, so of two segments with the same end the older one is named,
     * as in Wireshark.
     */
    private boolean acknowledge(int direction, int ack, long nanos, StreamFacts out) {
        int at = DIRECTION_INTS * direction;
        boolean exact = false;
        int previous = -1;
        int node = flows[at + SEGMENT_HEAD];
        int base = flows[at + BASE_SEQ];
        flows[at + UNACKED_FIRST] = -1; // the highest unsigned value: any kept segment's start is lower
        flows[at + UNACKED_END] = 0;
        while (node >= 0) {
            if (ack == segmentNextSeq[node]) {
                exact = true;
                out.acksFrame = segmentFrame[node];
                out.ackRtt = nanos - segmentTime[node];
            } else if (ack - segmentSeq[node] > 0 && ack - segmentNextSeq[node] <= 0) {
                segmentSeq[node] = ack; // partly acknowledged: the rest stays
                widenUnacked(at, node, base);
                previous = node;
                node = segmentLink[node];
                continue;
            } else if (segmentNextSeq[node] - ack > 0) {
                widenUnacked(at, node, base);
                previous = node;
                node = segmentLink[node];
                continue;
            }
            int following = segmentLink[node];
            if (previous < 0) {
                flows[at + SEGMENT_HEAD] = following;
            } else {
                segmentLink[previous] = following;
            }
            release(node);
            flows[at + SEGMENT_COUNT]--;
            node = following;
        }
        return exact;
    }

    /**
     * Bytes in flight after a data segment of {@code direction}, from its first
     * unacknowledged byte to its highest, less the {@code sacked} bytes the other side's last
     * SACK blocks cover; and the bytes sent since the last PSH. True when measured.
     */
    private boolean bytesInFlight(int direction, int seglen, int flags, int sacked, StreamFacts out) {
        int at = DIRECTION_INTS * direction;
        if (seglen == 0 || flows[at + SEGMENT_HEAD] < 0 || (flows[at + BITS] & VALID_BYTES_IN_FLIGHT) == 0) {
            return false;
        }
        int inFlight = flows[at + UNACKED_END] - flows[at + UNACKED_FIRST] - sacked
                - ((flags & FIN) != 0 ? 1 : 0); // a FIN's sequence number is no byte
        if (inFlight > 0 && inFlight < 2_000_000_000) {
            out.bytesInFlight = inFlight;
        }
        flows[at + PUSH_BYTES] = (flows[at + BITS] & PUSH_SET_LAST) != 0 ? seglen : flows[at + PUSH_BYTES] + seglen;
        flows[at + BITS] = (flags & PSH) != 0 ? flows[at + BITS] | PUSH_SET_LAST : flows[at + BITS] & ~PUSH_SET_LAST;
        out.pushBytesSent = flows[at + PUSH_BYTES];
        return true;
    }

    /**
     * The window scale of a SYN's sender (Wireshark's {@code verify_tcp_window_scaling}): a
     * SYN without the option means neither side scales; a SYN-ACK without it after a SYN
     * with it, the same.
     */
    private void windowScaling(int fwd, int rev, int flags, int shift) {
        int f = DIRECTION_INTS * fwd;
        int r = DIRECTION_INTS * rev;
        if (shift >= 0) {
            flows[f + WIN_SCALE] = Math.min(shift, 14);
        }
        if (flows[f + WIN_SCALE] == SCALE_UNKNOWN) {
            flows[f + WIN_SCALE] = SCALE_NONE;
            flows[r + WIN_SCALE] = SCALE_NONE;
        } else if ((flags & ACK) != 0 && flows[r + WIN_SCALE] == SCALE_NONE) {
            flows[f + WIN_SCALE] = SCALE_NONE;
        }
    }

    private void remember(int direction, int frame, int seq, int next, long nanos) {
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
        int at = DIRECTION_INTS * direction;
        segmentSeq[node] = seq;
        segmentNextSeq[node] = next;
        segmentFrame[node] = frame;
        segmentTime[node] = nanos;
        segmentLink[node] = flows[at + SEGMENT_HEAD];
        flows[at + SEGMENT_HEAD] = node;
        if (flows[at + SEGMENT_COUNT]++ == 0) {
            flows[at + UNACKED_FIRST] = -1;
            flows[at + UNACKED_END] = 0;
        }
        widenUnacked(at, node, flows[at + BASE_SEQ]);
    }

    /** Takes segment {@code node} into the unacknowledged range of the direction whose record starts at {@code at}. */
    private void widenUnacked(int at, int node, int base) {
        if (Integer.compareUnsigned(segmentSeq[node] - base, flows[at + UNACKED_FIRST]) < 0) {
            flows[at + UNACKED_FIRST] = segmentSeq[node] - base;
        }
        if (Integer.compareUnsigned(segmentNextSeq[node] - base, flows[at + UNACKED_END]) > 0) {
            flows[at + UNACKED_END] = segmentNextSeq[node] - base;
        }
    }

    private void release(int node) {
        segmentLink[node] = freeSegment;
        freeSegment = node;
    }

    private void freeSegments(int direction) {
        int at = DIRECTION_INTS * direction;
        int node = flows[at + SEGMENT_HEAD];
        while (node >= 0) {
            int following = segmentLink[node];
            release(node);
            node = following;
        }
        flows[at + SEGMENT_HEAD] = -1;
        flows[at + SEGMENT_COUNT] = 0;
    }

    /** Makes room for conversation entries below {@code entries}; a new direction has no segments. */
    private void grow(int entries) {
        int old = flows.length;
        flows = Arrays.copyOf(flows, DIRECTION_INTS * 2 * entries);
        for (int at = old; at < flows.length; at += DIRECTION_INTS) {
            flows[at + SEGMENT_HEAD] = -1;
        }
        times = Arrays.copyOf(times, CONVERSATION_LONGS * entries);
    }

    private void growSegments(int size) {
        segmentSeq = Arrays.copyOf(segmentSeq, size);
        segmentNextSeq = Arrays.copyOf(segmentNextSeq, size);
        segmentFrame = Arrays.copyOf(segmentFrame, size);
        segmentTime = Arrays.copyOf(segmentTime, size);
        segmentLink = Arrays.copyOf(segmentLink, size);
    }
}
