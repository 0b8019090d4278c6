package dev.tapdeck.decode;

/** IPv6 fixed header (RFC 8200 §3) and, when present, its Fragment extension header (§4.5). */
public final class Ipv6Header extends Header {
    static final int LENGTH = 40;

    long fragmentHeaderOffset = -1;

    @Override
    void clear() {
        super.clear();
        fragmentHeaderOffset = -1;
    }

    public int version() { return u8(0) >>> 4; }
    public int trafficClass() { return (u16(0) >>> 4) & 0xff; }
    public int flowLabel() { return (int) (u32(0) & 0xfffff); }
    public int payloadLength() { return u16(4); }
    public int nextHeader() { return u8(6); }
    public int hopLimit() { return u8(7); }
    /** Offset of the 16-byte source address in the packet's bytes. */
    public long sourceOffset() { return offset + 8; }
    public long destinationOffset() { return offset + 24; }
    /** The source address as two 64-bit halves, network order: compact keys for flow tables. */
    public long sourceHigh64() { return Bytes.i64(bytes, offset + 8); }
    public long sourceLow64() { return Bytes.i64(bytes, offset + 16); }
    public long destinationHigh64() { return Bytes.i64(bytes, offset + 24); }
    public long destinationLow64() { return Bytes.i64(bytes, offset + 32); }

    public boolean hasFragmentHeader() { return fragmentHeaderOffset >= 0; }
    /** Offset of the first Fragment header, or -1. */
    public long fragmentHeaderOffset() { return fragmentHeaderOffset; }
    /** Fragment offset in units of 8 bytes. */
    public int fragmentOffset() { return Bytes.u16(bytes, fragmentHeaderOffset + 2) >>> 3; }
    public boolean moreFragments() { return (Bytes.u8(bytes, fragmentHeaderOffset + 3) & 1) != 0; }
}
