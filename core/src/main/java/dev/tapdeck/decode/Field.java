package dev.tapdeck.decode;

import dev.tapdeck.decode.field.ApplicationFields;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FrameFields;
import dev.tapdeck.decode.field.LinkFields;
import dev.tapdeck.decode.field.NetworkFields;
import dev.tapdeck.decode.field.TransportFields;

import java.util.Optional;

/**
 * The fields of the JSON Lines export, in its order, each with how its value is written:
 * every one but {@link #LINK} is a field of the registry, whose name it takes.
 */
public enum Field {
    FRAME_NUMBER(FrameFields.NUMBER, Kind.INTEGER),
    FRAME_TIME_EPOCH(FrameFields.TIME_EPOCH, Kind.STRING),
    FRAME_LEN(FrameFields.LEN, Kind.INTEGER),
    FRAME_CAP_LEN(FrameFields.CAP_LEN, Kind.INTEGER),
    FRAME_ENCAP_TYPE(FrameFields.ENCAP_TYPE, Kind.INTEGER),
    /**
     * Not a Wireshark field, so not in the registry: the first protocol of the chain, the
     * link-layer dissector (the reference decode's own derived key).
     */
    LINK("link", Kind.STRING),
    FRAME_PROTOCOLS(FrameFields.PROTOCOLS, Kind.STRING),
    ETH_SRC(LinkFields.ETH_SRC, Kind.STRING),
    ETH_DST(LinkFields.ETH_DST, Kind.STRING),
    VLAN_ID(LinkFields.VLAN_ID, Kind.INTEGER_ARRAY),
    IEEE8021AD_ID(LinkFields.IEEE8021AD_ID, Kind.INTEGER_ARRAY),
    IP_VERSION(NetworkFields.IP_VERSION, Kind.INTEGER),
    IP_HDR_LEN(NetworkFields.IP_HDR_LEN, Kind.INTEGER),
    IP_LEN(NetworkFields.IP_LEN, Kind.INTEGER),
    IP_ID(NetworkFields.IP_ID, Kind.INTEGER),
    IP_FLAGS_DF(NetworkFields.IP_FLAGS_DF, Kind.BOOLEAN),
    IP_FLAGS_MF(NetworkFields.IP_FLAGS_MF, Kind.BOOLEAN),
    IP_FRAG_OFFSET(NetworkFields.IP_FRAG_OFFSET, Kind.INTEGER),
    IP_TTL(NetworkFields.IP_TTL, Kind.INTEGER),
    IP_PROTO(NetworkFields.IP_PROTOCOL, Kind.INTEGER),
    IP_SRC(NetworkFields.IP_SRC, Kind.STRING),
    IP_DST(NetworkFields.IP_DST, Kind.STRING),
    IPV6_VERSION(NetworkFields.IPV6_VERSION, Kind.INTEGER),
    IPV6_PLEN(NetworkFields.IPV6_PLEN, Kind.INTEGER),
    IPV6_NXT(NetworkFields.IPV6_NXT, Kind.INTEGER),
    IPV6_HLIM(NetworkFields.IPV6_HLIM, Kind.INTEGER),
    IPV6_SRC(NetworkFields.IPV6_SRC, Kind.STRING),
    IPV6_DST(NetworkFields.IPV6_DST, Kind.STRING),
    IPV6_FRAGHDR_OFFSET(NetworkFields.IPV6_FRAGHDR_OFFSET, Kind.INTEGER),
    IPV6_FRAGHDR_MORE(NetworkFields.IPV6_FRAGHDR_MORE, Kind.BOOLEAN),
    TCP_SRCPORT(TransportFields.TCP_SRCPORT, Kind.INTEGER),
    TCP_DSTPORT(TransportFields.TCP_DSTPORT, Kind.INTEGER),
    TCP_SEQ(TransportFields.TCP_SEQ, Kind.INTEGER),
    TCP_ACK(TransportFields.TCP_ACK, Kind.INTEGER),
    TCP_HDR_LEN(TransportFields.TCP_HDR_LEN, Kind.INTEGER),
    TCP_FLAGS(TransportFields.TCP_FLAGS, Kind.INTEGER),
    TCP_WINDOW_SIZE_VALUE(TransportFields.TCP_WINDOW_SIZE_VALUE, Kind.INTEGER),
    TCP_LEN(TransportFields.TCP_LEN, Kind.INTEGER),
    UDP_SRCPORT(TransportFields.UDP_SRCPORT, Kind.INTEGER),
    UDP_DSTPORT(TransportFields.UDP_DSTPORT, Kind.INTEGER),
    UDP_LENGTH(TransportFields.UDP_LENGTH, Kind.INTEGER),
    ICMP_TYPE(TransportFields.ICMP_TYPE, Kind.INTEGER),
    ICMP_CODE(TransportFields.ICMP_CODE, Kind.INTEGER),
    ICMPV6_TYPE(TransportFields.ICMPV6_TYPE, Kind.INTEGER),
    ICMPV6_CODE(TransportFields.ICMPV6_CODE, Kind.INTEGER),
    ARP_OPCODE(NetworkFields.ARP_OPCODE, Kind.INTEGER),
    ARP_SRC_PROTO_IPV4(NetworkFields.ARP_SRC_PROTO_IPV4, Kind.STRING),
    ARP_DST_PROTO_IPV4(NetworkFields.ARP_DST_PROTO_IPV4, Kind.STRING),
    DNS_ID(ApplicationFields.DNS_ID, Kind.INTEGER),
    DNS_FLAGS_RESPONSE(ApplicationFields.DNS_FLAGS_RESPONSE, Kind.BOOLEAN),
    DNS_QRY_NAME(ApplicationFields.DNS_QRY_NAME, Kind.STRING_ARRAY),
    TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME(ApplicationFields.TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME, Kind.STRING),
    HTTP_REQUEST_METHOD(ApplicationFields.HTTP_REQUEST_METHOD, Kind.STRING),
    HTTP_REQUEST_URI(ApplicationFields.HTTP_REQUEST_URI, Kind.STRING),
    HTTP_RESPONSE_CODE(ApplicationFields.HTTP_RESPONSE_CODE, Kind.INTEGER),
    WS_MALFORMED(FrameFields.WS_MALFORMED, Kind.BOOLEAN),
    WS_SHORT(FrameFields.WS_SHORT, Kind.BOOLEAN);

    /** How a value is represented in JSON. */
    public enum Kind { INTEGER, BOOLEAN, STRING, INTEGER_ARRAY, STRING_ARRAY }

    private final String filterName;
    private final FieldDef field;
    private final Kind kind;

    Field(FieldDef field, Kind kind) {
        this.filterName = field.name();
        this.field = field;
        this.kind = kind;
    }

    Field(String filterName, Kind kind) {
        this.filterName = filterName;
        this.field = null;
        this.kind = kind;
    }

    public String filterName() {
        return filterName;
    }

    /** The registry's field, empty for {@link #LINK}. */
    public Optional<FieldDef> field() {
        return Optional.ofNullable(field);
    }

    public Kind kind() {
        return kind;
    }
}
