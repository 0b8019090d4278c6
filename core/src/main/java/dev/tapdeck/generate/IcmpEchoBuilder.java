package dev.tapdeck.generate;

/**
 * Writes ICMP echo request and reply messages (RFC 792) and their ICMPv6 counterparts
 * (RFC 4443 §4.1, §4.2), picking the family from the conversation.
 */
final class IcmpEchoBuilder {
    private static final int ECHO_REPLY = 0;
    private static final int ECHO_REQUEST = 8;
    private static final int ECHO_REQUEST_V6 = 128;
    private static final int ECHO_REPLY_V6 = 129;
    private static final int HEADER = 8;

    private final IpFrameBuilder ip;
    private final byte[] frame;

    IcmpEchoBuilder(IpFrameBuilder ip) {
        this.ip = ip;
        this.frame = ip.frame();
    }

    /**
     * Writes the echo header; a request goes from the client, a reply from the server.
     *
     * @return where the echo data goes; call {@link #finish} with its length
     */
    int begin(Conversation conversation, boolean request, int identifier, int sequence) {
        boolean v6 = conversation.ipv6;
        int o = ip.begin(conversation, request, v6 ? IpFrameBuilder.PROTOCOL_ICMPV6 : IpFrameBuilder.PROTOCOL_ICMP);
        frame[o] = (byte) (v6 ? (request ? ECHO_REQUEST_V6 : ECHO_REPLY_V6) : (request ? ECHO_REQUEST : ECHO_REPLY));
        frame[o + 1] = 0;
        BigEndian.put16(frame, o + 4, identifier);
        BigEndian.put16(frame, o + 6, sequence);
        return o + HEADER;
    }

    /** @return the frame length */
    int finish(int dataLength) {
        return ip.finish(HEADER + dataLength);
    }
}
