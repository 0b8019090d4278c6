package dev.tapdeck.decode;

/** UDP header (RFC 768). */
public final class UdpHeader extends Header {
    static final int LENGTH = 8;

    public int sourcePort() { return u16(0); }
    public int destinationPort() { return u16(2); }
    public int length() { return u16(4); }
    public int checksum() { return u16(6); }
}
