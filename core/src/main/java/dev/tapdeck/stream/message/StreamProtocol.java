package dev.tapdeck.stream.message;

import dev.tapdeck.decode.field.FieldDef;

import java.util.List;

/**
 * A protocol spoken over TCP streams that {@link StreamMessages} decodes into messages: what
 * selects it for a stream (a port, or a test of the first bytes, as Wireshark's port tables
 * and heuristic dissectors select theirs) and a new {@link StreamDecoder} for each stream.
 */
public interface StreamProtocol {
    /** The registry protocol whose fields its messages give ({@code http}). */
    String name();

    /**
     * The fields of a protocol only this decoder gives, declared with a
     * {@code StreamProtocolFields} in its own file; the registry takes them in. Empty for a
     * protocol whose fields the packet decoder declares too ({@code http}, in {@code ApplicationFields}).
     */
    default List<FieldDef> fields() {
        return List.of();
    }

    /** True when a stream to or from {@code port} speaks this protocol, whatever its bytes. */
    boolean usesPort(int port);

    /** True when a stream whose first bytes (of either side, at least one) are these speaks this protocol. */
    boolean recognizes(byte[] bytes, int offset, int length);

    /** The decoder of one new stream. */
    StreamDecoder newDecoder();

    /**
     * The decoder of one new stream that records into {@code later} what its messages tell of
     * earlier frames, and shows what a first pass recorded there ({@code tshark -2}); by
     * default, one that has nothing to record.
     */
    default StreamDecoder newDecoder(LaterFrames later) {
        return newDecoder();
    }
}
