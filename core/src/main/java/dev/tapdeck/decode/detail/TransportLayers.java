package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.IcmpHeader;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.decode.UdpHeader;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.StreamFields;
import dev.tapdeck.stream.StreamFacts;

import java.util.ArrayList;
import java.util.List;

import static dev.tapdeck.decode.field.TransportFields.ICMPV6_CHECKSUM;
import static dev.tapdeck.decode.field.TransportFields.ICMPV6_CODE;
import static dev.tapdeck.decode.field.TransportFields.ICMPV6_ECHO_IDENTIFIER;
import static dev.tapdeck.decode.field.TransportFields.ICMPV6_ECHO_SEQUENCE_NUMBER;
import static dev.tapdeck.decode.field.TransportFields.ICMPV6_PROTO;
import static dev.tapdeck.decode.field.TransportFields.ICMPV6_TYPE;
import static dev.tapdeck.decode.field.TransportFields.ICMP_CHECKSUM;
import static dev.tapdeck.decode.field.TransportFields.ICMP_CODE;
import static dev.tapdeck.decode.field.TransportFields.ICMP_IDENT;
import static dev.tapdeck.decode.field.TransportFields.ICMP_PROTO;
import static dev.tapdeck.decode.field.TransportFields.ICMP_SEQ;
import static dev.tapdeck.decode.field.TransportFields.ICMP_TYPE;
import static dev.tapdeck.decode.field.TransportFields.TCP_ACK;
import static dev.tapdeck.decode.field.TransportFields.TCP_CHECKSUM;
import static dev.tapdeck.decode.field.TransportFields.TCP_DSTPORT;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_ACK;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_AE;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_CWR;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_ECE;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_FIN;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_PUSH;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_RES;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_RESET;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_SYN;
import static dev.tapdeck.decode.field.TransportFields.TCP_FLAGS_URG;
import static dev.tapdeck.decode.field.TransportFields.TCP_HDR_LEN;
import static dev.tapdeck.decode.field.TransportFields.TCP_LEN;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_EOL;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_MSS;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_MSS_VAL;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_NOP;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_SACK;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_SACK_LE;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_SACK_PERM;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_SACK_RE;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_TIMESTAMP;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_TIMESTAMP_TSECR;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_TIMESTAMP_TSVAL;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_UNKNOWN;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_WSCALE;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_WSCALE_MULTIPLIER;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTIONS_WSCALE_SHIFT;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTION_KIND;
import static dev.tapdeck.decode.field.TransportFields.TCP_OPTION_LEN;
import static dev.tapdeck.decode.field.TransportFields.TCP_PAYLOAD;
import static dev.tapdeck.decode.field.TransportFields.TCP_PROTO;
import static dev.tapdeck.decode.field.TransportFields.TCP_SEQ;
import static dev.tapdeck.decode.field.TransportFields.TCP_SRCPORT;
import static dev.tapdeck.decode.field.TransportFields.TCP_URGENT_POINTER;
import static dev.tapdeck.decode.field.TransportFields.TCP_WINDOW_SIZE_VALUE;
import static dev.tapdeck.decode.field.TransportFields.UDP_CHECKSUM;
import static dev.tapdeck.decode.field.TransportFields.UDP_DSTPORT;
import static dev.tapdeck.decode.field.TransportFields.UDP_LENGTH;
import static dev.tapdeck.decode.field.TransportFields.UDP_PAYLOAD;
import static dev.tapdeck.decode.field.TransportFields.UDP_PROTO;
import static dev.tapdeck.decode.field.TransportFields.UDP_SRCPORT;
import static dev.tapdeck.decode.field.TransportFields.icmpCodeName;

/** Detail nodes of the transport layer: TCP with its flags and options, UDP, ICMP and ICMPv6. */
final class TransportLayers {
    private TransportLayers() {
    }

    /**
     * TCP (RFC 9293 §3.1). Sequence numbers are the raw header values; what the stream
     * tracker found ({@code facts}, null for nothing) adds the stream index and analysis. {@code payloadEnd} is where the IP datagram (or fragment) ends; a header
     * longer than that is a short segment, which Wireshark notes unless the segment is known to
     * be incomplete ({@code incomplete}: a fragment or a quote).
     */
    static void tcp(TcpHeader tcp, PacketBytes bytes, int at, int payloadEnd, boolean incomplete, StreamFacts facts,
                    List<NodeBuilder> layers) {
        int headerLength = tcp.headerLength();
        String label = "Transmission Control Protocol, Src Port: %d, Dst Port: %d, Seq: %d".formatted(tcp.sourcePort(), tcp.destinationPort(), tcp.sequence());
        if (headerLength >= 20 && (tcp.flags() & TcpHeader.ACK) != 0) {
            label += ", Ack: " + tcp.acknowledgement();
        }
        if (tcp.payloadLength() >= 0) {
            label += ", Len: " + tcp.payloadLength();
        }
        NodeBuilder node = NodeBuilder.protocol(bytes, TCP_PROTO, label, at, Math.max(headerLength, 20));
        layers.add(node);
        node.field(TCP_SRCPORT, tcp.sourcePort(), at, 2);
        node.field(TCP_DSTPORT, tcp.destinationPort(), at + 2, 2);
        TcpAnalysisNodes.streamIndex(node, facts);
        if (tcp.payloadLength() >= 0) {
            node.generated(TCP_LEN, tcp.payloadLength());
        } else if (headerLength > payloadEnd - at && !incomplete) {
            node.expert(Expert.TCP_SHORT_SEGMENT, "Short segment. Segment/fragment does not contain a full TCP header"
                    + " (might be NMAP or someone else deliberately sending unusual packets)");
        }
        node.field(TCP_SEQ, tcp.sequence(), at + 4, 4);
        if (headerLength < 20) {
            // Too short to hold the fixed header: Wireshark stops after the sequence number.
            return;
        }
        node.field(TCP_ACK, tcp.acknowledgement(), at + 8, 4);
        node.bitField(TCP_HDR_LEN, headerLength + " bytes (" + headerLength / 4 + ")", String.valueOf(headerLength),
                bytes.u8(at + 12), 0xf0, 8, at + 12, 1);
        flags(node, tcp, at + 12);
        node.field(TCP_WINDOW_SIZE_VALUE, tcp.window(), at + 14, 2);
        String checksum = NodeBuilder.valueText(TCP_CHECKSUM, tcp.checksum());
        node.labelledField(TCP_CHECKSUM, "Checksum: " + checksum + " [unverified]", checksum, at + 16, 2);
        NodeBuilder urgent = node.field(TCP_URGENT_POINTER, tcp.urgentPointer(), at + 18, 2);
        if ((tcp.flags() & TcpHeader.URG) == 0 && tcp.urgentPointer() != 0) {
            urgent.expert(Expert.TCP_URGENT_POINTER_NON_ZERO, Expert.TCP_URGENT_POINTER_NON_ZERO.field().label());
        }
        if (headerLength > 20) {
            options(node, bytes, at + 20, at + headerLength);
        }
        TcpAnalysisNodes.analysis(node, facts);
        // A fragment's payload is what the fragment holds after the header.
        int payload = at + headerLength;
        int length = tcp.payloadLength() >= 0 ? tcp.payloadLength() : payloadEnd - payload;
        if (length > 0 && payload < bytes.captured()) {
            int captured = Math.min(length, bytes.captured() - payload);
            node.labelledField(TCP_PAYLOAD, "TCP payload (" + length + " bytes)", bytes.colonHex(payload, captured), payload, captured);
        }
    }

    /** Wireshark's order: reserved, AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN. */
    private static final List<FieldDef> FLAGS = List.of(TCP_FLAGS_RES, TCP_FLAGS_AE, TCP_FLAGS_CWR, TCP_FLAGS_ECE,
            TCP_FLAGS_URG, TCP_FLAGS_ACK, TCP_FLAGS_PUSH, TCP_FLAGS_RESET, TCP_FLAGS_SYN, TCP_FLAGS_FIN);

    private static void flags(NodeBuilder tcp, TcpHeader header, int at) {
        int flags = header.flags();
        StringBuilder names = new StringBuilder();
        PacketSummary.appendTcpFlagNames(flags, names);
        String value = NodeBuilder.valueText(TCP_FLAGS, flags);
        NodeBuilder node = tcp.labelledField(TCP_FLAGS, "Flags: " + value + (names.isEmpty() ? "" : " (" + names + ")"), value, at, 2);
        for (FieldDef flag : FLAGS) {
            // The reserved bits and AE share the data offset's byte; the other eight fill the next.
            NodeBuilder bit = node.flag(flag, flags, flag.bitmask() >= TcpHeader.AE ? at : at + 1, 1);
            if ((flags & (int) flag.bitmask()) != 0) {
                connectionExpert(bit, flag, header);
            }
        }
    }

    /** Wireshark's notes on a segment that opens, closes or resets a connection, under the flag that says so. */
    private static void connectionExpert(NodeBuilder bit, FieldDef flag, TcpHeader tcp) {
        if (flag == TCP_FLAGS_SYN) {
            boolean ack = (tcp.flags() & TcpHeader.ACK) != 0;
            bit.expert(ack ? Expert.TCP_SYNACK : Expert.TCP_SYN, ack
                    ? "Connection establish acknowledge (SYN+ACK): server port " + tcp.sourcePort()
                    : "Connection establish request (SYN): server port " + tcp.destinationPort());
        } else if (flag == TCP_FLAGS_FIN) {
            bit.expert(Expert.TCP_FIN, Expert.TCP_FIN.field().label());
        } else if (flag == TCP_FLAGS_RESET) {
            bit.expert(Expert.TCP_RST, Expert.TCP_RST.field().label());
        }
    }

    /** One TCP option as the option list shows it: its protocol, where it is, and its length (1 for EOL and NOP). */
    private record Option(FieldDef protocol, int kind, int at, int length) {
        /** The name the option list's line gives it: its protocol's label without "TCP Option - ". */
        String name() {
            return protocol.label().substring("TCP Option - ".length());
        }
    }

    /** The option list (RFC 9293 §3.1): EOL and NOP are one byte, the rest kind, length, data. */
    private static void options(NodeBuilder tcp, PacketBytes bytes, int from, int to) {
        List<Option> list = new ArrayList<>();
        int at = from;
        while (at < to) {
            int kind = bytes.u8(at);
            if (kind == 0 || kind == 1) {
                // Wireshark shows each padding byte after an End of Option List as one more.
                list.add(new Option(kind == 0 ? TCP_OPTIONS_EOL : TCP_OPTIONS_NOP, kind, at, 1));
                at++;
                continue;
            }
            int length = at + 1 < to ? bytes.u8(at + 1) : 0;
            if (length < 2 || at + length > to) {
                break; // a bogus length: Wireshark stops the list here
            }
            list.add(new Option(optionProtocol(kind), kind, at, length));
            at += length;
        }
        StringBuilder label = new StringBuilder("Options: (").append(to - from).append(" bytes)");
        list.forEach(option -> label.append(", ").append(option.name()));
        NodeBuilder options = tcp.labelledField(TCP_OPTIONS, label.toString(), bytes.colonHex(from, to - from), from, to - from);
        for (Option option : list) {
            option(options, bytes, option);
        }
    }

    private static FieldDef optionProtocol(int kind) {
        return switch (kind) {
            case TcpHeader.OPTION_MSS -> TCP_OPTIONS_MSS;
            case TcpHeader.OPTION_WINDOW_SCALE -> TCP_OPTIONS_WSCALE;
            case TcpHeader.OPTION_SACK_PERMITTED -> TCP_OPTIONS_SACK_PERM;
            case TcpHeader.OPTION_SACK -> TCP_OPTIONS_SACK;
            case TcpHeader.OPTION_TIMESTAMPS -> TCP_OPTIONS_TIMESTAMP;
            default -> TCP_OPTIONS_UNKNOWN;
        };
    }

    private static void option(NodeBuilder options, PacketBytes bytes, Option option) {
        int at = option.at();
        int length = option.length();
        int kind = option.kind();
        String raw = bytes.colonHex(at, length);
        String label = switch (kind) {
            case TcpHeader.OPTION_MSS -> option.protocol().label() + ": " + bytes.u16(at + 2) + " bytes";
            case TcpHeader.OPTION_WINDOW_SCALE -> option.protocol().label() + ": %d (multiply by %d)".formatted(bytes.u8(at + 2), 1 << Math.min(bytes.u8(at + 2), 14));
            case TcpHeader.OPTION_TIMESTAMPS -> option.protocol().label() + ": TSval %d, TSecr %d".formatted(bytes.u32(at + 2), bytes.u32(at + 6));
            default -> option.protocol() == TCP_OPTIONS_UNKNOWN ? option.protocol().label() + " (" + kind + ")" : option.protocol().label();
        };
        NodeBuilder node = options.labelledField(option.protocol(), label, raw, at, length);
        node.number(TCP_OPTION_KIND, kind, at, 1);
        if (length == 1) {
            return;
        }
        node.field(TCP_OPTION_LEN, length, at + 1, 1);
        switch (kind) {
            case TcpHeader.OPTION_MSS -> node.field(TCP_OPTIONS_MSS_VAL, bytes.u16(at + 2), at + 2, 2);
            case TcpHeader.OPTION_WINDOW_SCALE -> {
                node.field(TCP_OPTIONS_WSCALE_SHIFT, bytes.u8(at + 2), at + 2, 1);
                node.field(TCP_OPTIONS_WSCALE_MULTIPLIER, 1 << Math.min(bytes.u8(at + 2), 14), at + 2, 1);
            }
            case TcpHeader.OPTION_SACK -> {
                for (int block = at + 2; block + 8 <= at + length; block += 8) {
                    node.field(TCP_OPTIONS_SACK_LE, "left edge", bytes.u32(block), block, 4);
                    node.field(TCP_OPTIONS_SACK_RE, "right edge", bytes.u32(block + 4), block + 4, 4);
                }
            }
            case TcpHeader.OPTION_TIMESTAMPS -> {
                node.field(TCP_OPTIONS_TIMESTAMP_TSVAL, bytes.u32(at + 2), at + 2, 4);
                node.field(TCP_OPTIONS_TIMESTAMP_TSECR, bytes.u32(at + 6), at + 6, 4);
            }
            default -> { }
        }
    }

    /** UDP (RFC 768). Returns where the datagram ends, from its length. */
    static int udp(UdpHeader udp, PacketBytes bytes, int at, List<NodeBuilder> layers, int payloadEnd, StreamFacts facts) {
        NodeBuilder node = NodeBuilder.protocol(bytes, UDP_PROTO, "User Datagram Protocol, Src Port: %d, Dst Port: %d"
                .formatted(udp.sourcePort(), udp.destinationPort()), at, 8);
        layers.add(node);
        node.field(UDP_SRCPORT, udp.sourcePort(), at, 2);
        node.field(UDP_DSTPORT, udp.destinationPort(), at + 2, 2);
        node.field(UDP_LENGTH, udp.length(), at + 4, 2);
        String checksum = NodeBuilder.valueText(UDP_CHECKSUM, udp.checksum());
        node.labelledField(UDP_CHECKSUM, "Checksum: " + checksum + " [unverified]", checksum, at + 6, 2);
        if (facts != null && facts.udpStream() != StreamFacts.NONE) {
            node.inferred(StreamFields.UDP_STREAM, facts.udpStream());
        }
        int end = udp.length() >= 8 ? Math.min(payloadEnd, at + udp.length()) : payloadEnd;
        int payload = at + 8;
        if (end > payload && payload < bytes.captured()) {
            int captured = Math.min(end, bytes.captured()) - payload;
            node.labelledField(UDP_PAYLOAD, "UDP payload (" + (end - payload) + " bytes)", bytes.colonHex(payload, captured), payload, captured);
        }
        return end;
    }

    /** ICMP (RFC 792) or ICMPv6 (RFC 4443): type, code, checksum, an echo's identifier and sequence number. */
    static NodeBuilder icmp(IcmpHeader icmp, boolean v6, PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        NodeBuilder node = NodeBuilder.protocol(bytes, v6 ? ICMPV6_PROTO : ICMP_PROTO, at, payloadEnd - at);
        layers.add(node);
        int type = icmp.type();
        int code = icmp.code();
        if (v6) {
            node.number(ICMPV6_TYPE, type, at, 1);
            node.field(ICMPV6_CODE, code, at + 1, 1);
        } else {
            // Wireshark's ICMP names a type and a code after the number: "Type: 8 (Echo (ping) request)".
            String typeName = ICMP_TYPE.valueName(type);
            node.labelledField(ICMP_TYPE, ICMP_TYPE.label() + ": " + type + (typeName == null ? "" : " (" + typeName + ")"), String.valueOf(type), at, 1);
            String codeName = icmpCodeName(type, code);
            node.labelledField(ICMP_CODE, ICMP_CODE.label() + ": " + code + (codeName == null ? "" : " (" + codeName + ")"), String.valueOf(code), at + 1, 1);
        }
        FieldDef checksumField = v6 ? ICMPV6_CHECKSUM : ICMP_CHECKSUM;
        String checksum = NodeBuilder.valueText(checksumField, icmp.checksum());
        node.labelledField(checksumField, "Checksum: " + checksum + " [unverified]", checksum, at + 2, 2);
        // Echo, timestamp, information and address mask messages carry an identifier and a sequence number.
        boolean identified = v6 ? type == 128 || type == 129 : type == 0 || type == 8 || type >= 13 && type <= 18;
        if (identified) {
            int id = icmp.identifier();
            int sequence = icmp.sequenceNumber();
            if (v6) {
                node.number(ICMPV6_ECHO_IDENTIFIER, id, at + 4, 2);
                node.field(ICMPV6_ECHO_SEQUENCE_NUMBER, sequence, at + 6, 2);
            } else {
                node.number(ICMP_IDENT, id, at + 4, 2);
                node.number(ICMP_SEQ, sequence, at + 6, 2);
            }
        }
        return node;
    }
}
