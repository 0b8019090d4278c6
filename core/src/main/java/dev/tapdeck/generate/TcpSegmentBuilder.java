package dev.tapdeck.generate;

/**
 * Writes TCP segments (RFC 9293 §3.1) with the options a Linux stack sends: in SYNs, MSS,
 * SACK-permitted, timestamps, NOP and window scale (RFC 9293 §3.7.1, RFC 2018, RFC 7323);
 * in every other segment, NOP NOP and timestamps, since RFC 7323 §3.2 has them on every
 * segment once both sides agreed in the handshake.
 */
final class TcpSegmentBuilder {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    /** A TCP header carrying the 12 option bytes NOP NOP TIMESTAMPS. */
    static final int HEADER_WITH_TIMESTAMPS = 32;
    private static final int SYN_HEADER = 40;

    private final IpFrameBuilder ip;
    private final byte[] frame;
    private int tcpOffset;
    private int headerLength;

    TcpSegmentBuilder(IpFrameBuilder ip) {
        this.ip = ip;
        this.frame = ip.frame();
    }

    /** Writes a SYN or SYN-ACK; nothing follows the header. */
    int writeSyn(Conversation conversation, boolean fromClient, int flags, int seq, int ack, int window,
                 int mss, int windowShift, int tsValue, int tsEcho) {
        int o = header(conversation, fromClient, flags, seq, ack, window, SYN_HEADER);
        frame[o] = 2;  // MSS
        frame[o + 1] = 4;
        BigEndian.put16(frame, o + 2, mss);
        frame[o + 4] = 4;  // SACK permitted
        frame[o + 5] = 2;
        timestamps(o + 6, tsValue, tsEcho);
        frame[o + 16] = 1;  // NOP, aligns the window scale option
        frame[o + 17] = 3;  // window scale
        frame[o + 18] = 3;
        frame[o + 19] = (byte) windowShift;
        return finish(0);
    }

    /**
     * Writes everything up to the payload of a non-SYN segment.
     *
     * @return where the payload goes; call {@link #finish} with its length
     */
    int begin(Conversation conversation, boolean fromClient, int flags, int seq, int ack, int window,
              int tsValue, int tsEcho) {
        int o = header(conversation, fromClient, flags, seq, ack, window, HEADER_WITH_TIMESTAMPS);
        frame[o] = 1;
        frame[o + 1] = 1;
        timestamps(o + 2, tsValue, tsEcho);
        return tcpOffset + HEADER_WITH_TIMESTAMPS;
    }

    /** @return the frame length */
    int finish(int payloadLength) {
        return ip.finish(headerLength + payloadLength);
    }

    private int header(Conversation conversation, boolean fromClient, int flags, int seq, int ack, int window,
                       int length) {
        tcpOffset = ip.begin(conversation, fromClient, IpFrameBuilder.PROTOCOL_TCP);
        headerLength = length;
        int t = tcpOffset;
        BigEndian.put16(frame, t, fromClient ? conversation.clientPort : conversation.serverPort);
        BigEndian.put16(frame, t + 2, fromClient ? conversation.serverPort : conversation.clientPort);
        BigEndian.put32(frame, t + 4, seq);
        BigEndian.put32(frame, t + 8, (flags & ACK) != 0 ? ack : 0);
        BigEndian.put16(frame, t + 12, (length / 4) << 12 | flags);
        BigEndian.put16(frame, t + 14, window);
        BigEndian.put16(frame, t + 18, 0); // urgent pointer; the checksum is filled in by finish
        return t + 20;
    }

    private void timestamps(int o, int tsValue, int tsEcho) {
        frame[o] = 8;
        frame[o + 1] = 10;
        BigEndian.put32(frame, o + 2, tsValue);
        BigEndian.put32(frame, o + 6, tsEcho);
    }
}
