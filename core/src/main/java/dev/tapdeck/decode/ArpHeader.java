package dev.tapdeck.decode;

/** ARP over Ethernet/IPv4 (RFC 826). */
public final class ArpHeader extends Header {
    static final int FIXED_LENGTH = 8;

    public int hardwareType() { return u16(0); }
    public int protocolType() { return u16(2); }
    public int hardwareSize() { return u8(4); }
    public int protocolSize() { return u8(5); }
    public int opcode() { return u16(6); }

    /** True when the addresses are 6-byte MACs and 4-byte IPv4 addresses, and all were captured. */
    public boolean isEthernetIpv4() {
        return protocolType() == 0x0800 && protocolSize() == 4 && hardwareSize() == 6 && captured(FIXED_LENGTH + 20);
    }

    /**
     * True when the protocol addresses are IPv4 ({@code arp.src.proto_ipv4}), whatever the
     * hardware addresses are, and all four addresses were captured.
     */
    public boolean hasIpv4Addresses() {
        return protocolType() == 0x0800 && protocolSize() == 4 && captured(FIXED_LENGTH + 2 * (hardwareSize() + 4));
    }

    public long senderMac() { return ((long) u16(8) << 32) | u32(10); }
    public int senderIpv4() { return (int) u32(8 + hardwareSize()); }
    public long targetMac() { int at = 8 + hardwareSize() + protocolSize(); return ((long) u16(at) << 32) | u32(at + 2); }
    public int targetIpv4() { return (int) u32(8 + 2 * hardwareSize() + protocolSize()); }
}
