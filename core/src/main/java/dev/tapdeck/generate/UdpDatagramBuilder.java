package dev.tapdeck.generate;

/** Writes UDP datagrams (RFC 768); the checksum is always computed, as Linux does. */
final class UdpDatagramBuilder {
    private static final int HEADER = 8;

    private final IpFrameBuilder ip;
    private final byte[] frame;
    private int udpOffset;

    UdpDatagramBuilder(IpFrameBuilder ip) {
        this.ip = ip;
        this.frame = ip.frame();
    }

    /** @return where the payload goes; call {@link #finish} with its length */
    int begin(Conversation conversation, boolean fromClient) {
        udpOffset = ip.begin(conversation, fromClient, IpFrameBuilder.PROTOCOL_UDP);
        BigEndian.put16(frame, udpOffset, fromClient ? conversation.clientPort : conversation.serverPort);
        BigEndian.put16(frame, udpOffset + 2, fromClient ? conversation.serverPort : conversation.clientPort);
        return udpOffset + HEADER;
    }

    /** @return the frame length */
    int finish(int payloadLength) {
        BigEndian.put16(frame, udpOffset + 4, HEADER + payloadLength);
        return ip.finish(HEADER + payloadLength);
    }
}
