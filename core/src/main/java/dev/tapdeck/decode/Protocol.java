package dev.tapdeck.decode;

/**
 * Protocols a dissection can name, in Wireshark's spelling: {@link #filterName()} is what
 * {@code frame.protocols} lists and what display filters use.
 */
public enum Protocol {
    ETH("eth"),
    ETHERTYPE("ethertype"),
    LLC("llc"),
    VLAN("vlan"),
    IEEE8021AD("ieee8021ad"),
    SLL("sll"),
    NULL("null"),
    RAW("raw"),
    MPLS("mpls"),
    PWETHHEURISTIC("pwethheuristic"),
    PWETHCW("pwethcw"),
    PPPOES("pppoes"),
    PPP("ppp"),
    ARP("arp"),
    IP("ip"),
    IPV6("ipv6"),
    IPV6_HOPOPTS("ipv6.hopopts"),
    IPV6_ROUTING("ipv6.routing"),
    IPV6_FRAGHDR("ipv6.fraghdr"),
    IPV6_DSTOPTS("ipv6.dstopts"),
    AH("ah"),
    TCP("tcp"),
    UDP("udp"),
    L2TP("l2tp"),
    ICMP("icmp"),
    ICMPV6("icmpv6"),
    DNS("dns"),
    MDNS("mdns"),
    LLMNR("llmnr"),
    TLS("tls"),
    HTTP("http"),
    SSDP("ssdp"),
    DATA("data");

    private static final Protocol[] VALUES = values();

    private final String filterName;

    Protocol(String filterName) {
        this.filterName = filterName;
    }

    public String filterName() {
        return filterName;
    }

    static Protocol ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
