package dev.tapdeck.stream;

import java.util.List;

/**
 * What the {@link StreamTracker} made of one packet: the TCP or UDP stream it belongs to
 * ({@code tcp.stream}, {@code udp.stream}), which side sent it, and what {@link TcpAnalysis}
 * found of a TCP segment ({@code tcp.analysis.*}, {@code tcp.time_*}). Filled in packet order by
 * the tracker, read by the fields of {@code dev.tapdeck.decode.field.StreamFields}; one
 * instance is reused per packet, or copied with {@link #copyFrom} where packets are decoded
 * on other threads than the one that tracks them.
 */
public final class StreamFacts {
    /** The value of a stream index the packet has none of. */
    public static final int NONE = -1;

    int tcpStream = NONE;
    int udpStream = NONE;
    boolean fromClient;
    boolean desegmenting;
    String messageProtocol;
    List<StreamMessage> messages = List.of();
    boolean continuesMessage;
    boolean inMessage;
    String partialInfo;
    boolean afterReassembledMessage;

    // What TcpAnalysis found: Wireshark's tcp_acked of the frame, and its conversation timestamps.
    boolean analyzed;
    int analysisFlags;
    int acksFrame;
    long ackRtt;
    long initialRtt;
    int bytesInFlight;
    int pushBytesSent;
    int duplicateAckNumber;
    int duplicateAckFrame;
    long rto;
    int rtoFrame;
    boolean timestamps;
    long timeRelative;
    long timeDelta;
    long windowSize = NONE;

    /** Wireshark's {@code tcp.stream}, numbered from 0 in order of first packet; {@link #NONE} for no TCP segment. */
    public int tcpStream() { return tcpStream; }

    /** Wireshark's {@code udp.stream}; {@link #NONE} for no UDP datagram. */
    public int udpStream() { return udpStream; }

    /** True when the packet comes from the side that sent the stream's first packet (tshark's node 0). */
    public boolean fromClient() { return fromClient; }

    /**
     * True when TCP desegmentation decodes the packet's capture: the packet list then shows
     * the packet as tshark does with its default preferences (TCP's line with the window
     * scaled and the options in the header's order too); without, as Tapdeck always has.
     */
    public boolean desegmenting() { return desegmenting; }

    /**
     * The protocol a stream decoder decodes the packet's stream as ({@code http}), when TCP
     * desegmentation is on: that protocol's fields then come from {@link #messages()} alone,
     * shown on the packet that completes a message as Wireshark shows them; null when the
     * packet's fields are its own, decoded from the packet alone.
     */
    public String messageProtocol() { return messageProtocol; }

    /** The messages this packet completed, in stream order; empty for most packets. */
    public List<StreamMessage> messages() { return messages; }

    /** True when the packet's bytes begin inside a message that earlier packets began. */
    public boolean continuesMessage() { return continuesMessage; }

    /**
     * True when the packet's side of the stream is inside a message once the packet's bytes
     * are decoded: a segment that completes none is then a segment of a reassembled PDU.
     */
    public boolean inMessage() { return inMessage; }

    /**
     * What the protocol shows of that message on each of its segments (HTTP's start line,
     * while it waits for the end of a header or of a chunked body); null for nothing.
     */
    public String partialInfo() { return partialInfo; }

    /**
     * True when the latest message the packet's side completed before it took more than one
     * segment: a keep-alive's byte then overlaps a reassembled PDU.
     */
    public boolean afterReassembledMessage() { return afterReassembledMessage; }

    /** Says that TCP desegmentation decodes the packet's capture, though not the packet's stream. */
    public void setDesegmenting() {
        desegmenting = true;
    }

    /**
     * Says that the packet's stream is decoded as {@code protocol}, that the packet completed
     * {@code completed}, whether its bytes began inside a message ({@code continues}) and
     * whether they end inside one ({@code inMessage}, shown with {@code partialInfo}), and
     * whether the side's message before took several segments: set by the message decoders
     * after the tracker has tracked it.
     */
    public void setMessages(String protocol, List<StreamMessage> completed, boolean continues, boolean inMessage, String partialInfo,
                            boolean afterReassembled) {
        desegmenting = true;
        messageProtocol = protocol;
        messages = completed;
        continuesMessage = continues;
        this.inMessage = inMessage;
        this.partialInfo = partialInfo;
        afterReassembledMessage = afterReassembled;
    }

    /**
     * True when TCP sequence analysis has something to say of this segment: Wireshark's
     * {@code [SEQ/ACK analysis]} ({@code tcp.analysis}) is shown. The values below are 0 where
     * Wireshark shows nothing.
     */
    public boolean analyzed() { return analyzed; }

    /** The {@link TcpAnalysis} flag bits ({@code RETRANSMISSION}, ...) the segment has. */
    public int analysisFlags() { return analysisFlags; }

    /** {@code tcp.analysis.acks_frame}: the frame of the segment this one acknowledges. */
    public int acksFrame() { return acksFrame; }

    /** {@code tcp.analysis.ack_rtt} in nanoseconds: how long that segment took to be acknowledged. */
    public long ackRtt() { return ackRtt; }

    /** {@code tcp.analysis.initial_rtt} in nanoseconds: from the SYN to the ACK of the handshake. */
    public long initialRtt() { return initialRtt; }

    /** {@code tcp.analysis.bytes_in_flight}: sent and not yet acknowledged, this segment's bytes included. */
    public int bytesInFlight() { return bytesInFlight; }

    /** {@code tcp.analysis.push_bytes_sent}: sent since the last segment with PSH. */
    public int pushBytesSent() { return pushBytesSent; }

    /** {@code tcp.analysis.duplicate_ack_num}: which duplicate of the same ACK this is. */
    public int duplicateAckNumber() { return duplicateAckNumber; }

    /** {@code tcp.analysis.duplicate_ack_frame}: the frame of the ACK this one repeats. */
    public int duplicateAckFrame() { return duplicateAckFrame; }

    /** {@code tcp.analysis.rto} in nanoseconds: since the segment that had sent the most, for a retransmission. */
    public long rto() { return rto; }

    /** {@code tcp.analysis.rto_frame}: that segment's frame. */
    public int rtoFrame() { return rtoFrame; }

    /** True when conversation timestamps were calculated ({@code tcp.calculate_timestamps}). */
    public boolean timestamps() { return timestamps; }

    /** {@code tcp.time_relative} in nanoseconds: since the first frame of the TCP stream. */
    public long timeRelative() { return timeRelative; }

    /** {@code tcp.time_delta} in nanoseconds: since the previous frame of the TCP stream. */
    public long timeDelta() { return timeDelta; }

    /**
     * Wireshark's {@code tcp.window_size}: the window scaled by the factor its sender's SYN
     * announced, as sequence analysis knows it; {@link #NONE} without the analysis.
     */
    public long windowSize() { return windowSize; }

    public void clear() {
        tcpStream = NONE;
        udpStream = NONE;
        fromClient = false;
        desegmenting = false;
        messageProtocol = null;
        messages = List.of();
        continuesMessage = false;
        inMessage = false;
        partialInfo = null;
        afterReassembledMessage = false;
        analyzed = false;
        analysisFlags = 0;
        acksFrame = 0;
        ackRtt = 0;
        initialRtt = 0;
        bytesInFlight = 0;
        pushBytesSent = 0;
        duplicateAckNumber = 0;
        duplicateAckFrame = 0;
        rto = 0;
        rtoFrame = 0;
        timestamps = false;
        timeRelative = 0;
        timeDelta = 0;
        windowSize = NONE;
    }

    /** Sets what a tracker made of a packet earlier, as a server's history keeps it: its stream alone, nothing else. */
    public StreamFacts set(int tcpStream, int udpStream, boolean fromClient) {
        clear();
        this.tcpStream = tcpStream;
        this.udpStream = udpStream;
        this.fromClient = fromClient;
        return this;
    }

    public void copyFrom(StreamFacts other) {
        tcpStream = other.tcpStream;
        udpStream = other.udpStream;
        fromClient = other.fromClient;
        desegmenting = other.desegmenting;
        messageProtocol = other.messageProtocol;
        messages = other.messages;
        continuesMessage = other.continuesMessage;
        inMessage = other.inMessage;
        partialInfo = other.partialInfo;
        afterReassembledMessage = other.afterReassembledMessage;
        analyzed = other.analyzed;
        analysisFlags = other.analysisFlags;
        acksFrame = other.acksFrame;
        ackRtt = other.ackRtt;
        initialRtt = other.initialRtt;
        bytesInFlight = other.bytesInFlight;
        pushBytesSent = other.pushBytesSent;
        duplicateAckNumber = other.duplicateAckNumber;
        duplicateAckFrame = other.duplicateAckFrame;
        rto = other.rto;
        rtoFrame = other.rtoFrame;
        timestamps = other.timestamps;
        timeRelative = other.timeRelative;
        timeDelta = other.timeDelta;
        windowSize = other.windowSize;
    }
}
