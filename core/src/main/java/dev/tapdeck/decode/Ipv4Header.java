package dev.tapdeck.decode;

/** IPv4 header (RFC 791 §3.1). */
public final class Ipv4Header extends Header {
    static final int MIN_LENGTH = 20;

    /**
     * How far the header could be read: each field is reported only when its stage was reached.
     * COMPLETE is the fixed 20 bytes; DESTINATION adds the look through the options for a
     * source route, which decides the destination.
     */
    enum Stage { VERSION, HEADER_LENGTH, TOTAL_LENGTH, COMPLETE, DESTINATION }

    Stage stage = Stage.COMPLETE;
    int totalLength;
    long finalDestinationOffset = -1;

    @Override
    void clear() {
        super.clear();
        finalDestinationOffset = -1;
    }

    public int version() { return u8(0) >>> 4; }
    public int headerLength() { return (u8(0) & 0x0f) * 4; }
    /** Total length; a zero in the header (segmentation offload) is replaced by the length the frame implies. */
    public int totalLength() { return totalLength; }
    /** Differentiated Services Field (RFC 2474): DSCP and the two ECN bits (RFC 3168). */
    public int differentiatedServices() { return u8(1); }
    public int identification() { return u16(4); }
    public boolean dontFragment() { return (u8(6) & 0x40) != 0; }
    public boolean moreFragments() { return (u8(6) & 0x20) != 0; }
    /** Fragment offset in units of 8 bytes, as the header carries it. */
    public int fragmentOffset() { return u16(6) & 0x1fff; }
    public int ttl() { return u8(8); }
    public int protocol() { return u8(9); }
    public int checksum() { return u16(10); }
    public int source() { return (int) u32(12); }
    /** The destination as Wireshark shows it: the last hop of a source route option, else the header's. */
    public int destination() {
        return finalDestinationOffset >= 0 ? Bytes.i32(bytes, finalDestinationOffset) : (int) u32(16);
    }
    /** Where {@link #destination()} was read from. */
    public int destinationOffset() {
        return (int) (finalDestinationOffset >= 0 ? finalDestinationOffset : offset + 16);
    }
    /** The destination field of the header itself (the next hop when source-routed). */
    public int headerDestination() { return (int) u32(16); }

    public boolean hasHeaderLength() { return stage.compareTo(Stage.HEADER_LENGTH) >= 0; }
    public boolean hasTotalLength() { return stage.compareTo(Stage.TOTAL_LENGTH) >= 0; }
    public boolean isComplete() { return stage.compareTo(Stage.COMPLETE) >= 0; }
    /**
     * True when {@link #destination()} is known: the options were searched for a source route
     * within the captured bytes. Wireshark shows {@code ip.dst} only then.
     */
    public boolean hasDestination() { return stage == Stage.DESTINATION; }
}
