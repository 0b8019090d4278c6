package dev.tapdeck.explain;

import dev.tapdeck.file.PacketRecord;

/**
 * The capture around a packet as an explainer sees it, wherever the packets live: a file read
 * for the CLI, the live history of a server. Packets are numbered from 1 (Wireshark's
 * {@code frame.number}); a context holds a contiguous range of them.
 */
public interface PacketContext {

    /**
     * Fills {@code into} with packet {@code frameNumber}, with bytes of its own that stay valid
     * after the next read.
     *
     * @return false when the context does not hold that packet
     */
    boolean read(long frameNumber, PacketRecord into);

    /** The oldest number held; greater than {@link #newest()} when empty. */
    long oldest();

    /** The newest number held; 0 when empty. */
    long newest();
}
