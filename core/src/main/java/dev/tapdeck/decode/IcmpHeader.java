package dev.tapdeck.decode;

/** ICMP (RFC 792) or ICMPv6 (RFC 4443) message header: type, code and the rest-of-header word. */
public final class IcmpHeader extends Header {
    public int type() { return u8(0); }
    public int code() { return u8(1); }
    public int checksum() { return u16(2); }
    /** True when the rest-of-header word (identifier and sequence of an echo) was captured. */
    public boolean hasRestOfHeader() { return captured(8); }
    /** Echo identifier and sequence number (RFC 792 echo, RFC 4443 §4.1). */
    public int identifier() { return u16(4); }
    public int sequenceNumber() { return u16(6); }
}
