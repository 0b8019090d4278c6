package dev.tapdeck.stream;

import java.util.List;

/**
 * What the {@link StreamTracker} made of one packet: the TCP or UDP stream it belongs to
 * ({@code tcp.stream}, {@code udp.stream}) and which side sent it. Filled in packet order by
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
    String messageProtocol;
    List<StreamMessage> messages = List.of();

    /** Wireshark's {@code tcp.stream}, numbered from 0 in order of first packet; {@link #NONE} for no TCP segment. */
    public int tcpStream() { return tcpStream; }

    /** Wireshark's {@code udp.stream}; {@link #NONE} for no UDP datagram. */
    public int udpStream() { return udpStream; }

    /** True when the packet comes from the side that sent the stream's first packet (tshark's node 0). */
    public boolean fromClient() { return fromClient; }

    /**
     * The protocol a stream decoder decodes the packet's stream as ({@code http}), when TCP
     * desegmentation is on: that protocol's fields then come from {@link #messages()} alone,
     * shown on the packet that completes a message as Wireshark shows them; null when the
     * packet's fields are its own, decoded from the packet alone.
     */
    public String messageProtocol() { return messageProtocol; }

    /** The messages this packet completed, in stream order; empty for most packets. */
    public List<StreamMessage> messages() { return messages; }

    /**
     * Says that the packet's stream is decoded as {@code protocol} and that the packet
     * completed {@code completed}: set by the message decoders after the tracker has tracked it.
     */
    public void setMessages(String protocol, List<StreamMessage> completed) {
        messageProtocol = protocol;
        messages = completed;
    }

    public void clear() {
        tcpStream = NONE;
        udpStream = NONE;
        fromClient = false;
        messageProtocol = null;
        messages = List.of();
    }

    /** Sets what a tracker made of a packet earlier, as a server's history keeps it. */
    public StreamFacts set(int tcpStream, int udpStream, boolean fromClient) {
        this.tcpStream = tcpStream;
        this.udpStream = udpStream;
        this.fromClient = fromClient;
        return this;
    }

    public void copyFrom(StreamFacts other) {
        tcpStream = other.tcpStream;
        udpStream = other.udpStream;
        fromClient = other.fromClient;
        messageProtocol = other.messageProtocol;
        messages = other.messages;
    }
}
