package dev.tapdeck.stream;

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

    /** Wireshark's {@code tcp.stream}, numbered from 0 in order of first packet; {@link #NONE} for no TCP segment. */
    public int tcpStream() { return tcpStream; }

    /** Wireshark's {@code udp.stream}; {@link #NONE} for no UDP datagram. */
    public int udpStream() { return udpStream; }

    /** True when the packet comes from the side that sent the stream's first packet (tshark's node 0). */
    public boolean fromClient() { return fromClient; }

    public void clear() {
        tcpStream = NONE;
        udpStream = NONE;
        fromClient = false;
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
    }
}
