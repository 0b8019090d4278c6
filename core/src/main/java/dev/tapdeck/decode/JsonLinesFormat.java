package dev.tapdeck.decode;

import dev.tapdeck.file.PacketRecord;

/**
 * One packet as one JSON object in {@link Field} order, the way Tapdeck exports JSON Lines:
 * Wireshark field names, a key absent when there is no value, integers as numbers,
 * {@code vlan.id}, {@code ieee8021ad.id} and {@code dns.qry.name} as arrays of every
 * occurrence. Appends to a caller's builder and allocates nothing.
 */
public final class JsonLinesFormat {
    private static final Field[] FIELDS = Field.values();

    private final StringBuilder text = new StringBuilder(256);

    /** Appends the object for packet number {@code frameNumber} (1-based), without a line end. */
    public void append(long frameNumber, PacketRecord packet, Dissection d, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Field field : FIELDS) {
            int mark = out.length();
            if (!first) {
                out.append(',');
            }
            out.append('"').append(field.filterName()).append("\":");
            if (appendValue(field, frameNumber, packet, d, out)) {
                first = false;
            } else {
                out.setLength(mark);
            }
        }
        out.append('}');
    }

    /** Appends the JSON value of {@code field}; false (and anything appended is dropped) when absent. */
    private boolean appendValue(Field field, long frameNumber, PacketRecord packet, Dissection d, StringBuilder out) {
        Ipv4Header ip = d.ipv4;
        Ipv6Header ipv6 = d.ipv6;
        TcpHeader tcp = d.tcp;
        return switch (field) {
            case FRAME_NUMBER -> number(frameNumber, out);
            case FRAME_TIME_EPOCH -> packet.hasTimestamp() && string(epochTime(packet), out);
            case FRAME_LEN -> number(packet.originalLength(), out);
            case FRAME_CAP_LEN -> number(packet.capturedLength(), out);
            case FRAME_ENCAP_TYPE -> d.encapsulation() >= 0 && number(d.encapsulation(), out);
            case LINK -> d.layerCount() > 0 && string(d.layer(0).filterName(), out);
            case FRAME_PROTOCOLS -> d.layerCount() > 0 && string(protocols(d), out);
            case ETH_SRC -> d.ethernet.present() && string(mac(d.ethernet.source()), out);
            case ETH_DST -> d.ethernet.present() && string(mac(d.ethernet.destination()), out);
            case VLAN_ID -> d.vlans.vlanCount() > 0 && vlanIds(d.vlans, false, out);
            case IEEE8021AD_ID -> d.vlans.serviceCount() > 0 && vlanIds(d.vlans, true, out);
            case IP_VERSION -> d.ipVersion() != 0 && number(d.ipVersion(), out);
            case IP_HDR_LEN -> ip.present() && ip.hasHeaderLength() && number(ip.headerLength(), out);
            case IP_LEN -> ip.present() && ip.hasTotalLength() && number(ip.totalLength(), out);
            case IP_ID -> ip.present() && ip.isComplete() && number(ip.identification(), out);
            case IP_FLAGS_DF -> ip.present() && ip.isComplete() && bool(ip.dontFragment(), out);
            case IP_FLAGS_MF -> ip.present() && ip.isComplete() && bool(ip.moreFragments(), out);
            case IP_FRAG_OFFSET -> ip.present() && ip.isComplete() && number(ip.fragmentOffset(), out);
            case IP_TTL -> ip.present() && ip.isComplete() && number(ip.ttl(), out);
            case IP_PROTO -> ip.present() && ip.isComplete() && number(ip.protocol(), out);
            case IP_SRC -> ip.present() && ip.isComplete() && string(ipv4(ip.source()), out);
            case IP_DST -> ip.present() && ip.hasDestination() && string(ipv4(ip.destination()), out);
            case IPV6_VERSION -> ipv6.present() && number(ipv6.version(), out);
            case IPV6_PLEN -> ipv6.present() && number(ipv6.payloadLength(), out);
            case IPV6_NXT -> ipv6.present() && number(ipv6.nextHeader(), out);
            case IPV6_HLIM -> ipv6.present() && number(ipv6.hopLimit(), out);
            case IPV6_SRC -> ipv6.present() && string(ipv6(d, ipv6.sourceOffset()), out);
            case IPV6_DST -> ipv6.present() && string(ipv6(d, ipv6.destinationOffset()), out);
            case IPV6_FRAGHDR_OFFSET -> ipv6.hasFragmentHeader() && number(ipv6.fragmentOffset(), out);
            case IPV6_FRAGHDR_MORE -> ipv6.hasFragmentHeader() && bool(ipv6.moreFragments(), out);
            case TCP_SRCPORT -> tcp.present() && number(tcp.sourcePort(), out);
            case TCP_DSTPORT -> tcp.present() && number(tcp.destinationPort(), out);
            case TCP_SEQ -> tcp.present() && number(tcp.sequence(), out);
            case TCP_ACK -> tcp.present() && tcp.headerLength() >= TcpHeader.MIN_LENGTH && number(tcp.acknowledgement(), out);
            case TCP_HDR_LEN -> tcp.present() && number(tcp.headerLength(), out);
            case TCP_FLAGS -> tcp.present() && tcp.headerLength() >= TcpHeader.MIN_LENGTH && number(tcp.flags(), out);
            case TCP_WINDOW_SIZE_VALUE -> tcp.present() && tcp.headerLength() >= TcpHeader.MIN_LENGTH && number(tcp.window(), out);
            case TCP_LEN -> tcp.present() && tcp.payloadLength() >= 0 && number(tcp.payloadLength(), out);
            case UDP_SRCPORT -> d.udp.present() && number(d.udp.sourcePort(), out);
            case UDP_DSTPORT -> d.udp.present() && number(d.udp.destinationPort(), out);
            case UDP_LENGTH -> d.udp.present() && number(d.udp.length(), out);
            case ICMP_TYPE -> d.icmp.present() && number(d.icmp.type(), out);
            case ICMP_CODE -> d.icmp.present() && number(d.icmp.code(), out);
            case ICMPV6_TYPE -> d.icmpv6.present() && number(d.icmpv6.type(), out);
            case ICMPV6_CODE -> d.icmpv6.present() && number(d.icmpv6.code(), out);
            case ARP_OPCODE -> d.arp.present() && number(d.arp.opcode(), out);
            case ARP_SRC_PROTO_IPV4 -> d.arp.present() && d.arp.hasIpv4Addresses() && string(ipv4(d.arp.senderIpv4()), out);
            case ARP_DST_PROTO_IPV4 -> d.arp.present() && d.arp.hasIpv4Addresses() && string(ipv4(d.arp.targetIpv4()), out);
            case DNS_ID -> d.dns.present() && number(d.dns.id(), out);
            case DNS_FLAGS_RESPONSE -> d.dns.present() && bool(d.dns.isResponse(), out);
            case DNS_QRY_NAME -> d.dns.present() && d.dns.questionsDecoded() > 0 && questionNames(d.dns, out);
            case TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME -> d.tls.hasServerName() && string(serverName(d.tls), out);
            case HTTP_REQUEST_METHOD -> d.http.isRequest() && string(method(d.http), out);
            case HTTP_REQUEST_URI -> d.http.isRequest() && string(uri(d.http), out);
            case HTTP_RESPONSE_CODE -> d.http.isResponse() && number(d.http.statusCode(), out);
            case WS_MALFORMED -> d.malformed() && bool(true, out);
            case WS_SHORT -> d.truncated() && !d.malformed() && bool(true, out);
        };
    }

    /** Epoch seconds with the record's own number of decimals: {@code 1513204139.656584}. */
    public static void appendEpochTime(PacketRecord packet, StringBuilder out) {
        out.append(packet.epochSeconds());
        int digits = packet.timestampDigits();
        if (digits > 0) {
            out.append('.');
            int fraction = packet.nanos();
            for (int i = digits; i < 9; i++) {
                fraction /= 10;
            }
            for (int divisor = pow10(digits - 1); divisor > 0; divisor /= 10) {
                out.append((char) ('0' + (fraction / divisor) % 10));
            }
        }
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private StringBuilder scratch() {
        text.setLength(0);
        return text;
    }

    private StringBuilder epochTime(PacketRecord packet) {
        StringBuilder s = scratch();
        appendEpochTime(packet, s);
        return s;
    }

    private StringBuilder protocols(Dissection d) {
        StringBuilder s = scratch();
        d.appendProtocols(s);
        return s;
    }

    private StringBuilder mac(long mac) {
        StringBuilder s = scratch();
        Addresses.appendMac(mac, s);
        return s;
    }

    private StringBuilder ipv4(int address) {
        StringBuilder s = scratch();
        Addresses.appendIpv4(address, s);
        return s;
    }

    private StringBuilder ipv6(Dissection d, long offset) {
        StringBuilder s = scratch();
        Addresses.appendIpv6(d.segment(), offset, s);
        return s;
    }

    private StringBuilder serverName(TlsClientHello tls) {
        StringBuilder s = scratch();
        tls.appendServerName(s);
        return s;
    }

    private StringBuilder method(HttpStartLine http) {
        StringBuilder s = scratch();
        http.appendMethod(s);
        return s;
    }

    private StringBuilder uri(HttpStartLine http) {
        StringBuilder s = scratch();
        http.appendUri(s);
        return s;
    }

    private boolean questionNames(DnsMessage dns, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < dns.questionsDecoded(); i++) {
            if (i > 0) {
                out.append(',');
            }
            StringBuilder s = scratch();
            dns.appendQuestionName(i, s);
            string(s, out);
        }
        out.append(']');
        return true;
    }

    private static boolean vlanIds(VlanTags tags, boolean service, StringBuilder out) {
        out.append('[');
        int count = service ? tags.serviceCount() : tags.vlanCount();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(service ? tags.serviceId(i) : tags.vlanId(i));
        }
        out.append(']');
        return true;
    }

    private static boolean number(long value, StringBuilder out) {
        out.append(value);
        return true;
    }

    private static boolean bool(boolean value, StringBuilder out) {
        out.append(value);
        return true;
    }

    /** A JSON string (RFC 8259 §7): quote, backslash and control characters escaped. */
    private static boolean string(CharSequence value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return true;
    }
}
