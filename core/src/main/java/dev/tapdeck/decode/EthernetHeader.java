package dev.tapdeck.decode;

/** Ethernet II / IEEE 802.3 MAC header (IEEE 802.3 §3.2). */
public final class EthernetHeader extends Header {
    static final int LENGTH = 14;

    /** Destination MAC as a 48-bit number. */
    public long destination() {
        return mac(0);
    }

    public long source() {
        return mac(6);
    }

    /** EtherType, or the length of an 802.3 frame when at most 1500. */
    public int typeOrLength() {
        return u16(12);
    }

    private long mac(int at) {
        return ((long) u16(at) << 32) | u32(at + 2);
    }
}
