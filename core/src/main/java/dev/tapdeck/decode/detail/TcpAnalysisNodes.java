package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldText;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.TcpAnalysis;

import java.util.List;

import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_ACKS_FRAME;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_ACK_LOST_SEGMENT;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_ACK_RTT;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_BYTES_IN_FLIGHT;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_DUPLICATE_ACK;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_DUPLICATE_ACK_FRAME;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_DUPLICATE_ACK_NUM;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_FAST_RETRANSMISSION;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_FLAGS;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_INITIAL_RTT;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_KEEP_ALIVE;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_KEEP_ALIVE_ACK;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_LOST_SEGMENT;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_OUT_OF_ORDER;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_PUSH_BYTES_SENT;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_RETRANSMISSION;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_RTO;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_RTO_FRAME;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_SPURIOUS_RETRANSMISSION;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_WINDOW_FULL;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_WINDOW_UPDATE;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_ZERO_WINDOW;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_ZERO_WINDOW_PROBE;
import static dev.tapdeck.decode.field.StreamFields.TCP_ANALYSIS_ZERO_WINDOW_PROBE_ACK;
import static dev.tapdeck.decode.field.StreamFields.TCP_STREAM;
import static dev.tapdeck.decode.field.StreamFields.TCP_TIME_DELTA;
import static dev.tapdeck.decode.field.StreamFields.TCP_TIME_RELATIVE;

/**
 * The lines of a TCP node that the stream tracker's {@link StreamFacts} give, as Wireshark
 * shows them: {@code Stream index}, then {@code Timestamps} and {@code SEQ/ACK analysis} with
 * what {@link TcpAnalysis} found. The flags are listed by their fields' labels (Wireshark
 * shows its expert infos there, which Tapdeck's {@code _ws.expert} leaves out).
 */
final class TcpAnalysisNodes {
    /** Each flag bit with its field, in Wireshark's order. */
    private record Flag(int bits, FieldDef field) { }

    private static final List<Flag> FLAGS = List.of(
            new Flag(TcpAnalysis.RETRANSMISSION | TcpAnalysis.FAST_RETRANSMISSION | TcpAnalysis.SPURIOUS_RETRANSMISSION,
                    TCP_ANALYSIS_RETRANSMISSION),
            new Flag(TcpAnalysis.FAST_RETRANSMISSION, TCP_ANALYSIS_FAST_RETRANSMISSION),
            new Flag(TcpAnalysis.SPURIOUS_RETRANSMISSION, TCP_ANALYSIS_SPURIOUS_RETRANSMISSION),
            new Flag(TcpAnalysis.OUT_OF_ORDER, TCP_ANALYSIS_OUT_OF_ORDER),
            new Flag(TcpAnalysis.LOST_SEGMENT, TCP_ANALYSIS_LOST_SEGMENT),
            new Flag(TcpAnalysis.ACK_LOST_SEGMENT, TCP_ANALYSIS_ACK_LOST_SEGMENT),
            new Flag(TcpAnalysis.WINDOW_UPDATE, TCP_ANALYSIS_WINDOW_UPDATE),
            new Flag(TcpAnalysis.WINDOW_FULL, TCP_ANALYSIS_WINDOW_FULL),
            new Flag(TcpAnalysis.KEEP_ALIVE, TCP_ANALYSIS_KEEP_ALIVE),
            new Flag(TcpAnalysis.KEEP_ALIVE_ACK, TCP_ANALYSIS_KEEP_ALIVE_ACK),
            new Flag(TcpAnalysis.ZERO_WINDOW_PROBE, TCP_ANALYSIS_ZERO_WINDOW_PROBE),
            new Flag(TcpAnalysis.ZERO_WINDOW, TCP_ANALYSIS_ZERO_WINDOW),
            new Flag(TcpAnalysis.ZERO_WINDOW_PROBE_ACK, TCP_ANALYSIS_ZERO_WINDOW_PROBE_ACK));

    private TcpAnalysisNodes() {
    }

    /** {@code [Stream index: N]}, after the ports; nothing for a segment no tracker numbered. */
    static void streamIndex(NodeBuilder tcp, StreamFacts facts) {
        if (facts != null && facts.tcpStream() != StreamFacts.NONE) {
            tcp.inferred(TCP_STREAM, facts.tcpStream());
        }
    }

    /** {@code Timestamps} and {@code SEQ/ACK analysis}, after the options, when they were worked out. */
    static void analysis(NodeBuilder tcp, StreamFacts facts) {
        if (facts == null || facts.tcpStream() == StreamFacts.NONE) {
            return;
        }
        if (facts.timestamps()) {
            NodeBuilder times = tcp.text("[Timestamps]", tcp.offset(), 0);
            time(times, TCP_TIME_RELATIVE, facts.timeRelative());
            time(times, TCP_TIME_DELTA, facts.timeDelta());
        }
        if (!facts.analyzed()) {
            return;
        }
        NodeBuilder node = tcp.labelledField(TCP_ANALYSIS, "[" + TCP_ANALYSIS.label() + "]", null, tcp.offset(), 0);
        if (facts.acksFrame() != 0) {
            node.inferred(TCP_ANALYSIS_ACKS_FRAME, facts.acksFrame());
            if (facts.ackRtt() != 0) {
                time(node, TCP_ANALYSIS_ACK_RTT, facts.ackRtt());
            }
        }
        if (facts.initialRtt() != 0) {
            time(node, TCP_ANALYSIS_INITIAL_RTT, facts.initialRtt());
        }
        if (facts.bytesInFlight() != 0) {
            node.inferred(TCP_ANALYSIS_BYTES_IN_FLIGHT, facts.bytesInFlight());
            node.inferred(TCP_ANALYSIS_PUSH_BYTES_SENT, facts.pushBytesSent());
        }
        int flags = facts.analysisFlags();
        if (flags == 0) {
            return;
        }
        NodeBuilder flagsNode = node.labelledField(TCP_ANALYSIS_FLAGS, "[" + TCP_ANALYSIS_FLAGS.label() + "]", null, tcp.offset(), 0);
        for (Flag flag : FLAGS) {
            if ((flags & flag.bits()) != 0) {
                flagsNode.labelledField(flag.field(), flag.field().label(), null, tcp.offset(), 0);
            }
        }
        if ((flags & TcpAnalysis.RETRANSMISSION) != 0 && facts.rto() != 0) {
            time(flagsNode, TCP_ANALYSIS_RTO, facts.rto());
            flagsNode.inferred(TCP_ANALYSIS_RTO_FRAME, facts.rtoFrame());
        }
        if ((flags & TcpAnalysis.DUPLICATE_ACK) != 0) {
            flagsNode.labelledField(TCP_ANALYSIS_DUPLICATE_ACK, "This is a TCP duplicate ack", null, tcp.offset(), 0);
            flagsNode.labelledField(TCP_ANALYSIS_DUPLICATE_ACK, "Duplicate ACK (#" + facts.duplicateAckNumber() + ")", null, tcp.offset(), 0);
            node.inferred(TCP_ANALYSIS_DUPLICATE_ACK_NUM, facts.duplicateAckNumber());
            node.inferred(TCP_ANALYSIS_DUPLICATE_ACK_FRAME, facts.duplicateAckFrame());
        }
    }

    /** A relative time: {@code [The RTT to ACK the segment was: 0.560806000 seconds]}. */
    private static void time(NodeBuilder node, FieldDef field, long nanos) {
        StringBuilder value = new StringBuilder();
        FieldText.appendSeconds(nanos, value);
        node.labelledField(field, "[" + field.label() + ": " + value + " seconds]", value.toString(), node.offset(), 0);
    }
}
