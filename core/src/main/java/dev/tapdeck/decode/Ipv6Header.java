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
    public int payloadLength() { return u16(4); }
    public int nextHeader() { return u8(6); }
    public int hopLimit() { return u8(7); }
    /** Absolute offset of the 16-byte source address in the segment. */
    public long sourceOffset() { return offset + 8; }
    public long destinationOffset() { return offset + 24; }

    public boolean hasFragmentHeader() { return fragmentHeaderOffset >= 0; }
    /** Fragment offset in units of 8 bytes. */
    public int fragmentOffset() { return Bytes.u16(segment, fragmentHeaderOffset + 2) >>> 3; }
    public boolean moreFragments() { return (Bytes.u8(segment, fragmentHeaderOffset + 3) & 1) != 0; }
}
