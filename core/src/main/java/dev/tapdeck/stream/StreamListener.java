package dev.tapdeck.stream;

/**
 * Receives the reassembled bytes of TCP streams (and the payloads of UDP streams), each
 * direction in sequence order, as the {@link StreamTracker} delivers them while it tracks the
 * packet that completes them: a follow-stream printer, an application-message decoder, the
 * server's stream store. Called on the tracking thread; the bytes are valid only during the
 * call. A stream is named by {@code tcp} (else UDP) and its index, as {@code tcp.stream} and
 * {@code udp.stream} number them: primitives, so delivering a segment allocates nothing.
 */
public interface StreamListener {
    /**
     * A new stream's first packet, number {@code frame}: its client is that packet's sender
     * (tshark's node 0), its server the receiver. Addresses are 16 bytes as two longs, high
     * half first; an IPv4 address ({@code ipv6} false) comes IPv4-mapped (RFC 4291 §2.5.5.2).
     */
    default void begin(boolean tcp, int stream, long frame, boolean ipv6, long clientHigh, long clientLow, int clientPort,
                       long serverHigh, long serverLow, int serverPort) {
    }

    /**
     * In-order bytes of one direction of a stream: the next {@code length} bytes after what was
     * delivered before, carried (or completed) by packet {@code frame} at {@code timeNanos}.
     */
    void data(boolean tcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length);

    /** {@code length} bytes of one direction were never captured: a gap before the next data. */
    default void gap(boolean tcp, int stream, boolean fromClient, long frame, long length) {
    }

    /** One direction ended with FIN or RST, or the tracker gave it up (idle, out of room). */
    default void end(boolean tcp, int stream, boolean fromClient, long frame) {
    }
}
