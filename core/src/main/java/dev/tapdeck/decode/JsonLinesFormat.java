package dev.tapdeck.decode;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.FieldValues;
import dev.tapdeck.decode.field.ProcessFields;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamMessage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One packet as one JSON object in {@link Field} order, the way Tapdeck exports JSON Lines:
 * Wireshark field names, a key absent when there is no value, integers as numbers,
 * {@code vlan.id}, {@code ieee8021ad.id} and {@code dns.qry.name} as arrays of every
 * occurrence, then the program's {@code proc.*} when the packet has one. Appends UTF-8 to a
 * caller's {@link Utf8Builder} and allocates nothing for a packet without a program.
 */
public final class JsonLinesFormat {
    private static final Field[] FIELDS = Field.values();
    /** {@code "ip.src":} for every field, encoded once. */
    private static final byte[][] KEYS = Arrays.stream(FIELDS)
            .map(f -> ('"' + f.filterName() + "\":").getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    /** The program's fields ({@code proc.pid}, {@code proc.name}...), in their declaration order, and their keys. */
    private static final List<FieldDef> PROCESS_FIELDS = ProcessFields.all().stream().filter(f -> f.type() != FieldType.PROTOCOL).toList();
    private static final byte[][] PROCESS_KEYS = PROCESS_FIELDS.stream()
            .map(f -> ('"' + f.name() + "\":").getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    /** Where values that other code writes as chars (IPv6 addresses, names) are made first. */
    private final StringBuilder text = new StringBuilder(256);
    private final FieldValues processValues = new FieldValues();

    /** Decodes the message a desegmented frame completes, for its fields; made for the first such frame. */
    private PacketDecoder messageDecoder;
    /** The facts of the packet being appended; null for none. */
    private StreamFacts facts;

    /** Appends the object for packet number {@code frameNumber} (1-based), without a line end. */
    public void append(long frameNumber, PacketRecord packet, Dissection d, Utf8Builder out) {
        append(frameNumber, packet, d, null, null, out);
    }

    /**
     * Appends the object for packet {@code frameNumber} with what the stream tracker made of it
     * ({@code facts}, null for nothing) and the program it belonged to ({@code process}, null
     * when unknown): with TCP desegmentation, a segment of a stream decoded as messages has the
     * application fields of the first message it completes, none when it completes none, as the
     * registry's fields read them, and its {@code frame.protocols} is the packet list's; a
     * packet with a program has its {@code proc.*} fields.
     */
    public void append(long frameNumber, PacketRecord packet, Dissection d, StreamFacts facts, ProcessInfo process, Utf8Builder out) {
        this.facts = facts;
        Dissection application = d;
        if (facts != null && facts.messageProtocol() != null) {
            application = facts.messages().isEmpty() ? null : decodeMessage(facts.messages().getFirst());
        }
        objectStart = out.length();
        out.append('{');
        // A layer's fields are looked at only when the packet has the layer: a packet has few
        // of them. Each guard is the "or" of its fields' own conditions, which still decide.
        fields(Field.FRAME_NUMBER, Field.IEEE8021AD_ID, frameNumber, packet, d, out);
        if (d.ipVersion() != 0 || d.ipv4.present()) {
            fields(Field.IP_VERSION, Field.IP_DST, frameNumber, packet, d, out);
        }
        if (d.ipv6.present() || d.ipv6.hasFragmentHeader()) {
            fields(Field.IPV6_VERSION, Field.IPV6_FRAGHDR_MORE, frameNumber, packet, d, out);
        }
        if (d.tcp.present()) {
            fields(Field.TCP_SRCPORT, Field.TCP_LEN, frameNumber, packet, d, out);
        }
        if (d.udp.present()) {
            fields(Field.UDP_SRCPORT, Field.UDP_LENGTH, frameNumber, packet, d, out);
        }
        if (d.icmp.present() || d.icmpv6.present() || d.arp.present()) {
            fields(Field.ICMP_TYPE, Field.ARP_DST_PROTO_IPV4, frameNumber, packet, d, out);
        }
        if (application != null && (application.dns.present() || application.tls.hasServerName()
                || application.http.isRequest() || application.http.isResponse())) {
            fields(Field.DNS_ID, Field.HTTP_RESPONSE_CODE, frameNumber, packet, application, out);
        }
        fields(Field.WS_MALFORMED, Field.WS_SHORT, frameNumber, packet, d, out);
        if (process != null) {
            processFields(process, out);
        }
        out.append('}');
    }

    /** The program's fields that it has, numbers as numbers, texts as strings. */
    private void processFields(ProcessInfo process, Utf8Builder out) {
        for (int i = 0; i < PROCESS_FIELDS.size(); i++) {
            FieldDef field = PROCESS_FIELDS.get(i);
            ProcessFields.collect(field, process, processValues);
            if (processValues.isEmpty()) {
                continue;
            }
            if (out.length() > objectStart + 1) {
                out.append(',');
            }
            out.append(PROCESS_KEYS[i]);
            if (field.type() == FieldType.STRING) {
                out.appendJsonString(processValues.text(0));
            } else {
                out.append(processValues.number(0));
            }
        }
    }

    /** The fields from {@code first} to {@code last}, in their order. */
    private void fields(Field first, Field last, long frameNumber, PacketRecord packet, Dissection d, Utf8Builder out) {
        for (int i = first.ordinal(); i <= last.ordinal(); i++) {
            appendField(FIELDS[i], frameNumber, packet, d, out);
        }
    }

    private int objectStart;

    /** Starts a member: a comma unless it is the first, then the quoted name and a colon. */
    private boolean key(Field field, Utf8Builder out) {
        if (out.length() > objectStart + 1) {
            out.append(',');
        }
        out.append(KEYS[field.ordinal()]);
        return true;
    }

    /** Appends {@code field} as a member when the packet has a value for it; false when it has none. */
    private boolean appendField(Field field, long frameNumber, PacketRecord packet, Dissection d, Utf8Builder out) {
        Ipv4Header ip = d.ipv4;
        Ipv6Header ipv6 = d.ipv6;
        TcpHeader tcp = d.tcp;
        return switch (field) {
            case FRAME_NUMBER -> key(field, out) && number(frameNumber, out);
            case FRAME_TIME_EPOCH -> packet.hasTimestamp() && key(field, out) && quoted(out) && epochTime(packet, out) && quoted(out);
            case FRAME_LEN -> key(field, out) && number(packet.originalLength(), out);
            case FRAME_CAP_LEN -> key(field, out) && number(packet.capturedLength(), out);
            case FRAME_ENCAP_TYPE -> d.encapsulation() >= 0 && key(field, out) && number(d.encapsulation(), out);
            case LINK -> d.layerCount() > 0 && key(field, out) && quoted(out) && append(d.layer(0).filterName(), out) && quoted(out);
            case FRAME_PROTOCOLS -> d.layerCount() > 0 && key(field, out) && quoted(out) && append(protocols(d), out) && quoted(out);
            case ETH_SRC -> d.ethernet.present() && key(field, out) && quoted(out) && mac(d.ethernet.source(), out) && quoted(out);
            case ETH_DST -> d.ethernet.present() && key(field, out) && quoted(out) && mac(d.ethernet.destination(), out) && quoted(out);
            case VLAN_ID -> d.vlans.vlanCount() > 0 && key(field, out) && vlanIds(d.vlans, false, out);
            case IEEE8021AD_ID -> d.vlans.serviceCount() > 0 && key(field, out) && vlanIds(d.vlans, true, out);
            case IP_VERSION -> d.ipVersion() != 0 && key(field, out) && number(d.ipVersion(), out);
            case IP_HDR_LEN -> ip.present() && ip.hasHeaderLength() && key(field, out) && number(ip.headerLength(), out);
            case IP_LEN -> ip.present() && ip.hasTotalLength() && key(field, out) && number(ip.totalLength(), out);
            case IP_ID -> ip.present() && ip.isComplete() && key(field, out) && number(ip.identification(), out);
            case IP_FLAGS_DF -> ip.present() && ip.isComplete() && key(field, out) && bool(ip.dontFragment(), out);
            case IP_FLAGS_MF -> ip.present() && ip.isComplete() && key(field, out) && bool(ip.moreFragments(), out);
            case IP_FRAG_OFFSET -> ip.present() && ip.isComplete() && key(field, out) && number(ip.fragmentOffset(), out);
            case IP_TTL -> ip.present() && ip.isComplete() && key(field, out) && number(ip.ttl(), out);
            case IP_PROTO -> ip.present() && ip.isComplete() && key(field, out) && number(ip.protocol(), out);
            case IP_SRC -> ip.present() && ip.isComplete() && key(field, out) && quoted(out) && ipv4(ip.source(), out) && quoted(out);
            case IP_DST -> ip.present() && ip.hasDestination() && key(field, out) && quoted(out) && ipv4(ip.destination(), out) && quoted(out);
            case IPV6_VERSION -> ipv6.present() && key(field, out) && number(ipv6.version(), out);
            case IPV6_PLEN -> ipv6.present() && key(field, out) && number(ipv6.payloadLength(), out);
            case IPV6_NXT -> ipv6.present() && key(field, out) && number(ipv6.nextHeader(), out);
            case IPV6_HLIM -> ipv6.present() && key(field, out) && number(ipv6.hopLimit(), out);
            case IPV6_SRC -> ipv6.present() && key(field, out) && quoted(out) && append(ipv6(d, ipv6.sourceOffset()), out) && quoted(out);
            case IPV6_DST -> ipv6.present() && key(field, out) && quoted(out) && append(ipv6(d, ipv6.destinationOffset()), out) && quoted(out);
            case IPV6_FRAGHDR_OFFSET -> ipv6.hasFragmentHeader() && key(field, out) && number(ipv6.fragmentOffset(), out);
            case IPV6_FRAGHDR_MORE -> ipv6.hasFragmentHeader() && key(field, out) && bool(ipv6.moreFragments(), out);
            case TCP_SRCPORT -> tcp.present() && key(field, out) && number(tcp.sourcePort(), out);
            case TCP_DSTPORT -> tcp.present() && key(field, out) && number(tcp.destinationPort(), out);
            case TCP_SEQ -> tcp.present() && key(field, out) && number(tcp.sequence(), out);
            case TCP_ACK -> tcp.present() && tcp.headerLength() >= TcpHeader.MIN_LENGTH && key(field, out) && number(tcp.acknowledgement(), out);
            case TCP_HDR_LEN -> tcp.present() && key(field, out) && number(tcp.headerLength(), out);
            case TCP_FLAGS -> tcp.present() && tcp.headerLength() >= TcpHeader.MIN_LENGTH && key(field, out) && number(tcp.flags(), out);
            case TCP_WINDOW_SIZE_VALUE -> tcp.present() && tcp.headerLength() >= TcpHeader.MIN_LENGTH && key(field, out) && number(tcp.window(), out);
            case TCP_LEN -> tcp.present() && tcp.payloadLength() >= 0 && key(field, out) && number(tcp.payloadLength(), out);
            case UDP_SRCPORT -> d.udp.present() && key(field, out) && number(d.udp.sourcePort(), out);
            case UDP_DSTPORT -> d.udp.present() && key(field, out) && number(d.udp.destinationPort(), out);
            case UDP_LENGTH -> d.udp.present() && key(field, out) && number(d.udp.length(), out);
            case ICMP_TYPE -> d.icmp.present() && key(field, out) && number(d.icmp.type(), out);
            case ICMP_CODE -> d.icmp.present() && key(field, out) && number(d.icmp.code(), out);
            case ICMPV6_TYPE -> d.icmpv6.present() && key(field, out) && number(d.icmpv6.type(), out);
            case ICMPV6_CODE -> d.icmpv6.present() && key(field, out) && number(d.icmpv6.code(), out);
            case ARP_OPCODE -> d.arp.present() && key(field, out) && number(d.arp.opcode(), out);
            case ARP_SRC_PROTO_IPV4 -> d.arp.present() && d.arp.hasIpv4Addresses() && key(field, out) && quoted(out) && ipv4(d.arp.senderIpv4(), out) && quoted(out);
            case ARP_DST_PROTO_IPV4 -> d.arp.present() && d.arp.hasIpv4Addresses() && key(field, out) && quoted(out) && ipv4(d.arp.targetIpv4(), out) && quoted(out);
            case DNS_ID -> d.dns.present() && key(field, out) && number(d.dns.id(), out);
            case DNS_FLAGS_RESPONSE -> d.dns.present() && key(field, out) && bool(d.dns.isResponse(), out);
            case DNS_QRY_NAME -> d.dns.present() && d.dns.questionsDecoded() > 0 && key(field, out) && questionNames(d.dns, out);
            case TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME -> d.tls.hasServerName() && key(field, out) && string(serverName(d.tls), out);
            case HTTP_REQUEST_METHOD -> d.http.isRequest() && key(field, out) && string(method(d.http), out);
            case HTTP_REQUEST_URI -> d.http.isRequest() && key(field, out) && string(uri(d.http), out);
            case HTTP_RESPONSE_CODE -> d.http.isResponse() && key(field, out) && number(d.http.statusCode(), out);
            case WS_MALFORMED -> d.malformed() && key(field, out) && bool(true, out);
            case WS_SHORT -> d.truncated() && !d.malformed() && key(field, out) && bool(true, out);
        };
    }

    /** Epoch seconds with the record's own number of decimals: {@code 1513204139.656584}. */
    public static void appendEpochTime(PacketRecord packet, StringBuilder out) {
        out.append(packet.epochSeconds());
        int digits = packet.timestampDigits();
        if (digits > 0) {
            out.append('.');
            int fraction = fraction(packet);
            for (int divisor = pow10(digits - 1); divisor > 0; divisor /= 10) {
                out.append((char) ('0' + (fraction / divisor) % 10));
            }
        }
    }

    /** The fraction of the second in the record's own number of decimals. */
    private static int fraction(PacketRecord packet) {
        return packet.nanos() / pow10(9 - packet.timestampDigits());
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

    // Values that never need escaping are appended in place, between quotes.

    private static boolean quoted(Utf8Builder out) {
        out.append('"');
        return true;
    }

    private static boolean append(CharSequence ascii, Utf8Builder out) {
        out.append(ascii);
        return true;
    }

    private static boolean epochTime(PacketRecord packet, Utf8Builder out) {
        out.append(packet.epochSeconds());
        int digits = packet.timestampDigits();
        if (digits > 0) {
            out.append('.').appendDigits(fraction(packet), digits);
        }
        return true;
    }

    private StringBuilder protocols(Dissection d) {
        StringBuilder s = scratch();
        PacketSummary.appendProtocols(d, facts, s);
        return s;
    }

    /** A message's own dissection; null for a protocol the packet decoder does not decode ({@code resp}). */
    private Dissection decodeMessage(StreamMessage message) {
        for (Protocol protocol : MESSAGE_PROTOCOLS) {
            if (protocol.filterName().equals(message.protocol())) {
                if (messageDecoder == null) {
                    messageDecoder = new PacketDecoder();
                }
                return messageDecoder.decodeMessage(protocol, message.bytes(), message.bytes().length);
            }
        }
        return null;
    }

    private static final Protocol[] MESSAGE_PROTOCOLS = {Protocol.HTTP, Protocol.TLS, Protocol.DNS};

    private static boolean mac(long mac, Utf8Builder out) {
        Addresses.appendMac(mac, out);
        return true;
    }

    private static boolean ipv4(int address, Utf8Builder out) {
        Addresses.appendIpv4(address, out);
        return true;
    }

    private StringBuilder ipv6(Dissection d, long offset) {
        StringBuilder s = scratch();
        Addresses.appendIpv6(d.bytes(), offset, s);
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

    private boolean questionNames(DnsMessage dns, Utf8Builder out) {
        out.append('[');
        for (int i = 0; i < dns.questionsDecoded(); i++) {
            if (i > 0) {
                out.append(',');
            }
            StringBuilder s = scratch();
            dns.appendQuestionName(i, s);
            out.appendJsonString(s);
        }
        out.append(']');
        return true;
    }

    private static boolean vlanIds(VlanTags tags, boolean service, Utf8Builder out) {
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

    private static boolean number(long value, Utf8Builder out) {
        out.append(value);
        return true;
    }

    private static boolean bool(boolean value, Utf8Builder out) {
        out.append(value);
        return true;
    }

    private static boolean string(CharSequence value, Utf8Builder out) {
        out.appendJsonString(value);
        return true;
    }

    /** A JSON string (RFC 8259 §7): quote, backslash and control characters escaped. */
    public static void appendString(CharSequence value, StringBuilder out) {
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
    }
}
