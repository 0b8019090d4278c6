package dev.tapdeck.decode;

/**
 * The fields Tapdeck reports, named as Wireshark's display filters name them. Declared once
 * here and used by every output (JSON Lines, filters, the API); the order is the JSON order.
 */
public enum Field {
    FRAME_NUMBER("frame.number", Kind.INTEGER),
    FRAME_TIME_EPOCH("frame.time_epoch", Kind.STRING),
    FRAME_LEN("frame.len", Kind.INTEGER),
    FRAME_CAP_LEN("frame.cap_len", Kind.INTEGER),
    FRAME_ENCAP_TYPE("frame.encap_type", Kind.INTEGER),
    /** Not a Wireshark field: the first protocol of the chain, the link-layer dissector. */
    LINK("link", Kind.STRING),
    FRAME_PROTOCOLS("frame.protocols", Kind.STRING),
    ETH_SRC("eth.src", Kind.STRING),
    ETH_DST("eth.dst", Kind.STRING),
    VLAN_ID("vlan.id", Kind.INTEGER_ARRAY),
    IEEE8021AD_ID("ieee8021ad.id", Kind.INTEGER_ARRAY),
    IP_VERSION("ip.version", Kind.INTEGER),
    IP_HDR_LEN("ip.hdr_len", Kind.INTEGER),
    IP_LEN("ip.len", Kind.INTEGER),
    IP_ID("ip.id", Kind.INTEGER),
    IP_FLAGS_DF("ip.flags.df", Kind.BOOLEAN),
    IP_FLAGS_MF("ip.flags.mf", Kind.BOOLEAN),
    IP_FRAG_OFFSET("ip.frag_offset", Kind.INTEGER),
    IP_TTL("ip.ttl", Kind.INTEGER),
    IP_PROTO("ip.proto", Kind.INTEGER),
    IP_SRC("ip.src", Kind.STRING),
    IP_DST("ip.dst", Kind.STRING),
    IPV6_VERSION("ipv6.version", Kind.INTEGER),
    IPV6_PLEN("ipv6.plen", Kind.INTEGER),
    IPV6_NXT("ipv6.nxt", Kind.INTEGER),
    IPV6_HLIM("ipv6.hlim", Kind.INTEGER),
    IPV6_SRC("ipv6.src", Kind.STRING),
    IPV6_DST("ipv6.dst", Kind.STRING),
    IPV6_FRAGHDR_OFFSET("ipv6.fraghdr.offset", Kind.INTEGER),
    IPV6_FRAGHDR_MORE("ipv6.fraghdr.more", Kind.BOOLEAN),
    TCP_SRCPORT("tcp.srcport", Kind.INTEGER),
    TCP_DSTPORT("tcp.dstport", Kind.INTEGER),
    TCP_SEQ("tcp.seq", Kind.INTEGER),
    TCP_ACK("tcp.ack", Kind.INTEGER),
    TCP_HDR_LEN("tcp.hdr_len", Kind.INTEGER),
    TCP_FLAGS("tcp.flags", Kind.INTEGER),
    TCP_WINDOW_SIZE_VALUE("tcp.window_size_value", Kind.INTEGER),
    TCP_LEN("tcp.len", Kind.INTEGER),
    UDP_SRCPORT("udp.srcport", Kind.INTEGER),
    UDP_DSTPORT("udp.dstport", Kind.INTEGER),
    UDP_LENGTH("udp.length", Kind.INTEGER),
    ICMP_TYPE("icmp.type", Kind.INTEGER),
    ICMP_CODE("icmp.code", Kind.INTEGER),
    ICMPV6_TYPE("icmpv6.type", Kind.INTEGER),
    ICMPV6_CODE("icmpv6.code", Kind.INTEGER),
    ARP_OPCODE("arp.opcode", Kind.INTEGER),
    ARP_SRC_PROTO_IPV4("arp.src.proto_ipv4", Kind.STRING),
    ARP_DST_PROTO_IPV4("arp.dst.proto_ipv4", Kind.STRING),
    DNS_ID("dns.id", Kind.INTEGER),
    DNS_FLAGS_RESPONSE("dns.flags.response", Kind.BOOLEAN),
    DNS_QRY_NAME("dns.qry.name", Kind.STRING_ARRAY),
    TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME("tls.handshake.extensions_server_name", Kind.STRING),
    HTTP_REQUEST_METHOD("http.request.method", Kind.STRING),
    HTTP_REQUEST_URI("http.request.uri", Kind.STRING),
    HTTP_RESPONSE_CODE("http.response.code", Kind.INTEGER),
    WS_MALFORMED("_ws.malformed", Kind.BOOLEAN),
    WS_SHORT("_ws.short", Kind.BOOLEAN);

    /** How a value is represented in JSON. */
    public enum Kind { INTEGER, BOOLEAN, STRING, INTEGER_ARRAY, STRING_ARRAY }

    private final String filterName;
    private final Kind kind;

    Field(String filterName, Kind kind) {
        this.filterName = filterName;
        this.kind = kind;
    }

    public String filterName() {
        return filterName;
    }

    public Kind kind() {
        return kind;
    }
}
