package dev.tapdeck.stream.message;

/**
 * A protocol spoken over TCP streams that {@link StreamMessages} decodes into messages: what
 * selects it for a stream (a port, or a test of the first bytes, as Wireshark's port tables
 * and heuristic dissectors select theirs) and a new {@link StreamDecoder} for each stream.
 */
public interface StreamProtocol {
    /** The registry protocol whose fields its messages give ({@code http}): declared in {@code decode/field}. */
    String name();

    /** True when a stream to or from {@code port} speaks this protocol, whatever its bytes. */
    boolean usesPort(int port);

    /** True when a stream whose first bytes (of either side, at least one) are these speaks this protocol. */
    boolean recognizes(byte[] bytes, int offset, int length);

    /** The decoder of one new stream. */
    StreamDecoder newDecoder();
}
