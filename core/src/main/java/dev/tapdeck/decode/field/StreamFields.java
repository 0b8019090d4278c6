package dev.tapdeck.decode.field;

import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.TcpAnalysis;

import java.util.List;
import java.util.function.ToLongFunction;

import static dev.tapdeck.decode.field.FieldType.BYTES;
import static dev.tapdeck.decode.field.FieldType.FRAMENUM;
import static dev.tapdeck.decode.field.FieldType.NONE;
import static dev.tapdeck.decode.field.FieldType.RELATIVE_TIME;
import static dev.tapdeck.decode.field.FieldType.UINT32;

/**
 * Fields that only a packet's place in its conversation gives, read from the
 * {@link StreamFacts} the stream tracker filled for the packet: what tshark computes with its
 * conversation tables, among them the TCP sequence analysis ({@code tcp.analysis.*}, see
 * {@link TcpAnalysis}) and conversation timestamps. A packet read without a tracker has none
 * of them. A value Wireshark leaves out when it is 0 (an RTT, a frame number) is left out
 * here too.
 */
public final class StreamFields {
    private static final Declarations TCP = new Declarations("tcp");
    private static final Declarations UDP = new Declarations("udp");

    public static final FieldDef TCP_STREAM = TCP.everyOccurrence("tcp.stream", UINT32, "Stream index")
            .hot((p, out) -> {
                int stream = p.streamFacts().tcpStream();
                if (stream != StreamFacts.NONE) {
                    out.addNumber(stream);
                }
            });
    /*
     * A message reassembled from segments, with TCP desegmentation: read from the detail tree,
     * where the segments' lines and the message's layers are.
     */
    public static final FieldDef TCP_SEGMENT_DATA = TCP.everyOccurrence("tcp.segment_data", BYTES, "TCP segment data")
            .describe("A data segment used in reassembly of a lower-level protocol");
    public static final FieldDef TCP_SEGMENTS = TCP.everyOccurrence("tcp.segments", NONE, "Reassembled TCP Segments")
            .describe("TCP Segments");
    public static final FieldDef TCP_SEGMENT = TCP.everyOccurrence("tcp.segment", FRAMENUM, "TCP Segment");
    public static final FieldDef TCP_SEGMENT_COUNT = TCP.everyOccurrence("tcp.segment.count", UINT32, "Segment count");
    public static final FieldDef TCP_REASSEMBLED_LENGTH = TCP.everyOccurrence("tcp.reassembled.length", UINT32, "Reassembled TCP length")
            .describe("The total length of the reassembled payload");

    public static final FieldDef TCP_ANALYSIS = TCP.everyOccurrence("tcp.analysis", NONE, "SEQ/ACK analysis")
            .describe("This frame has some of the TCP analysis shown")
            .hot((p, out) -> {
                if (p.streamFacts().analyzed()) {
                    present(p, out);
                }
            });
    public static final FieldDef TCP_ANALYSIS_FLAGS = TCP.everyOccurrence("tcp.analysis.flags", NONE, "TCP Analysis Flags")
            .describe("This frame has some of the TCP analysis flags set")
            .hot((p, out) -> {
                if (p.streamFacts().analysisFlags() != 0) {
                    present(p, out);
                }
            });
    /** Twice: the tree's "This is a TCP duplicate ack" and its expert info, which Wireshark 4.0 names alike. */
    public static final FieldDef TCP_ANALYSIS_DUPLICATE_ACK = TCP.everyOccurrence("tcp.analysis.duplicate_ack", NONE, "Duplicate ACK")
            .describe("This is a duplicate ACK")
            .hot((p, out) -> {
                if ((p.streamFacts().analysisFlags() & TcpAnalysis.DUPLICATE_ACK) != 0) {
                    present(p, out);
                    present(p, out);
                }
            });
    public static final FieldDef TCP_ANALYSIS_DUPLICATE_ACK_NUM = number("tcp.analysis.duplicate_ack_num", UINT32, "Duplicate ACK #",
            "This is duplicate ACK number #", StreamFacts::duplicateAckNumber);
    public static final FieldDef TCP_ANALYSIS_DUPLICATE_ACK_FRAME = number("tcp.analysis.duplicate_ack_frame", FRAMENUM,
            "Duplicate to the ACK in frame", "This is a duplicate to the ACK in frame #", StreamFacts::duplicateAckFrame);
    public static final FieldDef TCP_ANALYSIS_ACKS_FRAME = number("tcp.analysis.acks_frame", FRAMENUM,
            "This is an ACK to the segment in frame", "Which previous segment is this an ACK for", StreamFacts::acksFrame);
    public static final FieldDef TCP_ANALYSIS_BYTES_IN_FLIGHT = number("tcp.analysis.bytes_in_flight", UINT32, "Bytes in flight",
            "How many bytes are now in flight for this connection", StreamFacts::bytesInFlight);
    public static final FieldDef TCP_ANALYSIS_PUSH_BYTES_SENT = TCP.everyOccurrence("tcp.analysis.push_bytes_sent", UINT32,
                    "Bytes sent since last PSH flag")
            .describe("How many bytes have been sent since the last PSH flag")
            .hot((p, out) -> {
                if (p.streamFacts().bytesInFlight() != 0) { // Wireshark shows it with the bytes in flight
                    out.addNumber(p.streamFacts().pushBytesSent());
                }
            });
    public static final FieldDef TCP_ANALYSIS_ACK_RTT = number("tcp.analysis.ack_rtt", RELATIVE_TIME, "The RTT to ACK the segment was",
            "How long time it took to ACK the segment (RTT)", f -> f.acksFrame() != 0 ? f.ackRtt() : 0);
    public static final FieldDef TCP_ANALYSIS_INITIAL_RTT = number("tcp.analysis.initial_rtt", RELATIVE_TIME, "iRTT",
            "How long it took for the SYN to ACK handshake (iRTT)", f -> f.analyzed() ? f.initialRtt() : 0);
    public static final FieldDef TCP_ANALYSIS_RTO = number("tcp.analysis.rto", RELATIVE_TIME, "The RTO for this segment was",
            "How long transmission was delayed before this segment was retransmitted (RTO)", StreamFacts::rto);
    public static final FieldDef TCP_ANALYSIS_RTO_FRAME = number("tcp.analysis.rto_frame", FRAMENUM, "RTO based on delta from frame",
            "This is the frame we measure the RTO from", f -> f.rto() != 0 ? f.rtoFrame() : 0);
    public static final FieldDef TCP_TIME_RELATIVE = timestamp("tcp.time_relative", "Time since first frame in this TCP stream",
            "Time relative to first frame in this TCP stream", StreamFacts::timeRelative);
    public static final FieldDef TCP_TIME_DELTA = timestamp("tcp.time_delta", "Time since previous frame in this TCP stream",
            "Time delta from previous frame in this TCP stream", StreamFacts::timeDelta);
    /** Also on a fast or spurious retransmission, whose expert infos Wireshark gives both. */
    public static final FieldDef TCP_ANALYSIS_RETRANSMISSION = flag("tcp.analysis.retransmission",
            "This frame is a (suspected) retransmission", "",
            TcpAnalysis.RETRANSMISSION | TcpAnalysis.FAST_RETRANSMISSION | TcpAnalysis.SPURIOUS_RETRANSMISSION);
    public static final FieldDef TCP_ANALYSIS_FAST_RETRANSMISSION = flag("tcp.analysis.fast_retransmission",
            "This frame is a (suspected) fast retransmission", "", TcpAnalysis.FAST_RETRANSMISSION);
    public static final FieldDef TCP_ANALYSIS_SPURIOUS_RETRANSMISSION = flag("tcp.analysis.spurious_retransmission",
            "This frame is a (suspected) spurious retransmission", "", TcpAnalysis.SPURIOUS_RETRANSMISSION);
    public static final FieldDef TCP_ANALYSIS_OUT_OF_ORDER = flag("tcp.analysis.out_of_order",
            "This frame is a (suspected) out-of-order segment", "", TcpAnalysis.OUT_OF_ORDER);
    public static final FieldDef TCP_ANALYSIS_LOST_SEGMENT = flag("tcp.analysis.lost_segment",
            "Previous segment(s) not captured (common at capture start)", "", TcpAnalysis.LOST_SEGMENT);
    public static final FieldDef TCP_ANALYSIS_ACK_LOST_SEGMENT = flag("tcp.analysis.ack_lost_segment",
            "ACKed segment that wasn't captured (common at capture start)", "", TcpAnalysis.ACK_LOST_SEGMENT);
    public static final FieldDef TCP_ANALYSIS_WINDOW_UPDATE = flag("tcp.analysis.window_update",
            "TCP window update", "", TcpAnalysis.WINDOW_UPDATE);
    public static final FieldDef TCP_ANALYSIS_WINDOW_FULL = flag("tcp.analysis.window_full",
            "TCP window specified by the receiver is now completely full", "", TcpAnalysis.WINDOW_FULL);
    public static final FieldDef TCP_ANALYSIS_KEEP_ALIVE = flag("tcp.analysis.keep_alive",
            "TCP keep-alive segment", "", TcpAnalysis.KEEP_ALIVE);
    public static final FieldDef TCP_ANALYSIS_KEEP_ALIVE_ACK = flag("tcp.analysis.keep_alive_ack",
            "ACK to a TCP keep-alive segment", "", TcpAnalysis.KEEP_ALIVE_ACK);
    public static final FieldDef TCP_ANALYSIS_ZERO_WINDOW_PROBE = flag("tcp.analysis.zero_window_probe",
            "TCP Zero Window Probe", "", TcpAnalysis.ZERO_WINDOW_PROBE);
    public static final FieldDef TCP_ANALYSIS_ZERO_WINDOW = flag("tcp.analysis.zero_window",
            "TCP Zero Window segment", "", TcpAnalysis.ZERO_WINDOW);
    public static final FieldDef TCP_ANALYSIS_ZERO_WINDOW_PROBE_ACK = flag("tcp.analysis.zero_window_probe_ack",
            "ACK to a TCP Zero Window Probe", "", TcpAnalysis.ZERO_WINDOW_PROBE_ACK);
    public static final FieldDef UDP_STREAM = UDP.everyOccurrence("udp.stream", UINT32, "Stream index")
            .hot((p, out) -> {
                int stream = p.streamFacts().udpStream();
                if (stream != StreamFacts.NONE) {
                    out.addNumber(stream);
                }
            });

    private StreamFields() {
    }

    /** An analysis flag (FT_NONE): present when the segment has any of {@code bits}. */
    private static FieldDef flag(String name, String label, String description, int bits) {
        FieldDef field = TCP.everyOccurrence(name, NONE, label).hot((p, out) -> {
            if ((p.streamFacts().analysisFlags() & bits) != 0) {
                present(p, out);
            }
        });
        return description.isEmpty() ? field : field.describe(description);
    }

    /** A number of the analysis, absent when 0 as Wireshark leaves it out then. */
    private static FieldDef number(String name, FieldType type, String label, String description, ToLongFunction<StreamFacts> value) {
        return TCP.everyOccurrence(name, type, label).describe(description).hot((p, out) -> {
            long number = value.applyAsLong(p.streamFacts());
            if (number != 0) {
                out.addNumber(number);
            }
        });
    }

    /** A conversation timestamp, present (0 included) whenever timestamps are calculated. */
    private static FieldDef timestamp(String name, String label, String description, ToLongFunction<StreamFacts> value) {
        return TCP.everyOccurrence(name, RELATIVE_TIME, label).describe(description).hot((p, out) -> {
            if (p.streamFacts().timestamps()) {
                out.addNumber(value.applyAsLong(p.streamFacts()));
            }
        });
    }

    /** The value of a field with none (FT_NONE): no bytes, as a generated tree item has. */
    private static void present(PacketFields p, FieldValues out) {
        out.addBytes(p.dissection().bytes(), 0, 0);
    }

    static List<FieldDef> all() {
        return List.of(TCP_STREAM, TCP_ANALYSIS, TCP_ANALYSIS_FLAGS, TCP_ANALYSIS_DUPLICATE_ACK, TCP_ANALYSIS_DUPLICATE_ACK_NUM,
                TCP_ANALYSIS_DUPLICATE_ACK_FRAME, TCP_ANALYSIS_ACKS_FRAME, TCP_ANALYSIS_BYTES_IN_FLIGHT, TCP_ANALYSIS_PUSH_BYTES_SENT,
                TCP_ANALYSIS_ACK_RTT, TCP_ANALYSIS_INITIAL_RTT, TCP_ANALYSIS_RTO, TCP_ANALYSIS_RTO_FRAME, TCP_TIME_RELATIVE,
                TCP_TIME_DELTA, TCP_ANALYSIS_RETRANSMISSION, TCP_ANALYSIS_FAST_RETRANSMISSION, TCP_ANALYSIS_SPURIOUS_RETRANSMISSION,
                TCP_ANALYSIS_OUT_OF_ORDER, TCP_ANALYSIS_LOST_SEGMENT, TCP_ANALYSIS_ACK_LOST_SEGMENT, TCP_ANALYSIS_WINDOW_UPDATE,
                TCP_ANALYSIS_WINDOW_FULL, TCP_ANALYSIS_KEEP_ALIVE, TCP_ANALYSIS_KEEP_ALIVE_ACK, TCP_ANALYSIS_ZERO_WINDOW_PROBE,
                TCP_ANALYSIS_ZERO_WINDOW, TCP_ANALYSIS_ZERO_WINDOW_PROBE_ACK, TCP_SEGMENT_DATA, TCP_SEGMENTS, TCP_SEGMENT,
                TCP_SEGMENT_COUNT, TCP_REASSEMBLED_LENGTH, UDP_STREAM);
    }
}
