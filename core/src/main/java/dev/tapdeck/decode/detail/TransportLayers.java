package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.IcmpHeader;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.decode.UdpHeader;

import java.util.List;

import static dev.tapdeck.decode.detail.LinkLayers.hex4;

/** Detail nodes of the transport layer: TCP with its flags and options, UDP, ICMP and ICMPv6. */
final class TransportLayers {
    private TransportLayers() {
    }

    /** TCP (RFC 9293 §3.1). Sequence numbers are the raw header values: there is no stream analysis here. */
    static void tcp(TcpHeader tcp, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        int headerLength = tcp.headerLength();
        String label = "Transmission Control Protocol, Src Port: %d, Dst Port: %d, Seq: %d".formatted(tcp.sourcePort(), tcp.destinationPort(), tcp.sequence());
        if (headerLength >= 20 && (tcp.flags() & TcpHeader.ACK) != 0) {
            label += ", Ack: " + tcp.acknowledgement();
        }
        if (tcp.payloadLength() >= 0) {
            label += ", Len: " + tcp.payloadLength();
        }
        NodeBuilder node = NodeBuilder.protocol(bytes, "tcp", label, at, Math.max(headerLength, 20));
        layers.add(node);
        node.field("tcp.srcport", "Source Port", tcp.sourcePort(), at, 2);
        node.field("tcp.dstport", "Destination Port", tcp.destinationPort(), at + 2, 2);
        if (tcp.payloadLength() >= 0) {
            node.generated("tcp.len", "TCP Segment Len", tcp.payloadLength());
        }
        node.field("tcp.seq", "Sequence Number", tcp.sequence(), at + 4, 4);
        if (headerLength < 20) {
            // Too short to hold the fixed header: Wireshark stops after the sequence number.
            return;
        }
        node.field("tcp.ack", "Acknowledgment Number", tcp.acknowledgement(), at + 8, 4);
        node.bitField("tcp.hdr_len", "Header Length", headerLength + " bytes (" + headerLength / 4 + ")", String.valueOf(headerLength),
                bytes.u8(at + 12), 0xf0, 8, at + 12, 1);
        flags(node, tcp.flags(), at + 12);
        node.field("tcp.window_size_value", "Window", tcp.window(), at + 14, 2);
        String checksum = hex4(tcp.checksum());
        node.labelledField("tcp.checksum", "Checksum: " + checksum + " [unverified]", checksum, at + 16, 2);
        node.field("tcp.urgent_pointer", "Urgent Pointer", tcp.urgentPointer(), at + 18, 2);
        if (headerLength > 20) {
            options(node, bytes, at + 20, at + headerLength);
        }
    }

    /** Wireshark's order: reserved, AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN. */
    private static final String[][] FLAGS = {
            {"tcp.flags.ae", "Accurate ECN"}, {"tcp.flags.cwr", "Congestion Window Reduced"}, {"tcp.flags.ece", "ECN-Echo"},
            {"tcp.flags.urg", "Urgent"}, {"tcp.flags.ack", "Acknowledgment"}, {"tcp.flags.push", "Push"},
            {"tcp.flags.reset", "Reset"}, {"tcp.flags.syn", "Syn"}, {"tcp.flags.fin", "Fin"}};

    private static void flags(NodeBuilder tcp, int flags, int at) {
        StringBuilder names = new StringBuilder();
        PacketSummary.appendTcpFlagNames(flags, names);
        String value = "0x%03x".formatted(flags);
        NodeBuilder node = tcp.labelledField("tcp.flags", "Flags: " + value + (names.isEmpty() ? "" : " (" + names + ")"), value, at, 2);
        node.bitField("tcp.flags.res", "Reserved", (flags & 0xe00) == 0 ? "Not set" : "Set", String.valueOf(flags >>> 9), flags, 0xe00, 12, at, 1);
        for (int i = 0; i < FLAGS.length; i++) {
            int mask = 0x100 >>> i;
            // AE shares the data offset's byte; the other eight fill the next.
            node.flag(FLAGS[i][0], FLAGS[i][1], flags, mask, 12, mask == 0x100 ? at : at + 1, 1);
        }
    }

    /** The option list (RFC 9293 §3.1): EOL and NOP are one byte, the rest kind, length, data. */
    private static void options(NodeBuilder tcp, PacketBytes bytes, int from, int to) {
        NodeBuilder options = tcp.labelledField("tcp.options", "Options: (" + (to - from) + " bytes)", bytes.colonHex(from, to - from), from, to - from);
        int at = from;
        while (at < to) {
            int kind = bytes.u8(at);
            if (kind == 0 || kind == 1) {
                String name = kind == 0 ? "tcp.options.eol" : "tcp.options.nop";
                NodeBuilder option = options.labelledField(name, kind == 0 ? "TCP Option - End of Option List (EOL)" : "TCP Option - No-Operation (NOP)",
                        bytes.colonHex(at, 1), at, 1);
                option.labelledField("tcp.option_kind", "Kind: " + (kind == 0 ? "End of Option List" : "No-Operation") + " (" + kind + ")", String.valueOf(kind), at, 1);
                at++;
                if (kind == 0) {
                    break;
                }
                continue;
            }
            int length = at + 1 < to ? bytes.u8(at + 1) : 0;
            if (length < 2 || at + length > to) {
                break; // a bogus length: Wireshark stops the list here
            }
            option(options, bytes, kind, at, length);
            at += length;
        }
    }

    private static void option(NodeBuilder options, PacketBytes bytes, int kind, int at, int length) {
        String raw = bytes.colonHex(at, length);
        NodeBuilder option = switch (kind) {
            case TcpHeader.OPTION_MSS -> options.labelledField("tcp.options.mss", "TCP Option - Maximum segment size: " + bytes.u16(at + 2) + " bytes", raw, at, length);
            case TcpHeader.OPTION_WINDOW_SCALE -> options.labelledField("tcp.options.wscale", "TCP Option - Window scale: %d (multiply by %d)"
                    .formatted(bytes.u8(at + 2), 1 << Math.min(bytes.u8(at + 2), 14)), raw, at, length);
            case TcpHeader.OPTION_SACK_PERMITTED -> options.labelledField("tcp.options.sack_perm", "TCP Option - SACK permitted", raw, at, length);
            case TcpHeader.OPTION_SACK -> options.labelledField("tcp.options.sack", "TCP Option - SACK", raw, at, length);
            case TcpHeader.OPTION_TIMESTAMPS -> options.labelledField("tcp.options.timestamp", "TCP Option - Timestamps: TSval %d, TSecr %d"
                    .formatted(bytes.u32(at + 2), bytes.u32(at + 6)), raw, at, length);
            default -> options.labelledField("tcp.options.unknown", "TCP Option - Unknown (" + kind + ")", raw, at, length);
        };
        option.labelledField("tcp.option_kind", "Kind: " + kind, String.valueOf(kind), at, 1);
        option.field("tcp.option_len", "Length", length, at + 1, 1);
        switch (kind) {
            case TcpHeader.OPTION_MSS -> option.field("tcp.options.mss_val", "MSS Value", bytes.u16(at + 2), at + 2, 2);
            case TcpHeader.OPTION_WINDOW_SCALE -> {
                option.field("tcp.options.wscale.shift", "Shift count", bytes.u8(at + 2), at + 2, 1);
                option.field("tcp.options.wscale.multiplier", "Multiplier", 1 << Math.min(bytes.u8(at + 2), 14), at + 2, 1);
            }
            case TcpHeader.OPTION_SACK -> {
                for (int block = at + 2; block + 8 <= at + length; block += 8) {
                    option.field("tcp.options.sack_le", "left edge", bytes.u32(block), block, 4);
                    option.field("tcp.options.sack_re", "right edge", bytes.u32(block + 4), block + 4, 4);
                }
            }
            case TcpHeader.OPTION_TIMESTAMPS -> {
                option.field("tcp.options.timestamp.tsval", "Timestamp value", bytes.u32(at + 2), at + 2, 4);
                option.field("tcp.options.timestamp.tsecr", "Timestamp echo reply", bytes.u32(at + 6), at + 6, 4);
            }
            default -> { }
        }
    }

    /** UDP (RFC 768). Returns where the datagram ends, from its length. */
    static int udp(UdpHeader udp, PacketBytes bytes, int at, List<NodeBuilder> layers, int payloadEnd) {
        NodeBuilder node = NodeBuilder.protocol(bytes, "udp", "User Datagram Protocol, Src Port: %d, Dst Port: %d"
                .formatted(udp.sourcePort(), udp.destinationPort()), at, 8);
        layers.add(node);
        node.field("udp.srcport", "Source Port", udp.sourcePort(), at, 2);
        node.field("udp.dstport", "Destination Port", udp.destinationPort(), at + 2, 2);
        node.field("udp.length", "Length", udp.length(), at + 4, 2);
        String checksum = hex4(udp.checksum());
        node.labelledField("udp.checksum", "Checksum: " + checksum + " [unverified]", checksum, at + 6, 2);
        return udp.length() >= 8 ? Math.min(payloadEnd, at + udp.length()) : payloadEnd;
    }

    /** ICMP (RFC 792) or ICMPv6 (RFC 4443): type, code, checksum, an echo's identifier and sequence number. */
    static NodeBuilder icmp(IcmpHeader icmp, boolean v6, PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        String prefix = v6 ? "icmpv6" : "icmp";
        NodeBuilder node = NodeBuilder.protocol(bytes, prefix, v6 ? "Internet Control Message Protocol v6" : "Internet Control Message Protocol",
                at, payloadEnd - at);
        layers.add(node);
        node.field(prefix + ".type", "Type", icmp.type(), at, 1);
        node.field(prefix + ".code", "Code", icmp.code(), at + 1, 1);
        String checksum = hex4(icmp.checksum());
        node.labelledField(prefix + ".checksum", "Checksum: " + checksum + " [unverified]", checksum, at + 2, 2);
        boolean echo = v6 ? icmp.type() == 128 || icmp.type() == 129 : icmp.type() == 0 || icmp.type() == 8;
        if (echo) {
            int id = icmp.identifier();
            int sequence = icmp.sequenceNumber();
            if (v6) {
                node.field("icmpv6.echo.identifier", "Identifier", hex4(id), at + 4, 2);
                node.field("icmpv6.echo.sequence_number", "Sequence", sequence, at + 6, 2);
            } else {
                node.labelledField("icmp.ident", "Identifier (BE): %d (%s)".formatted(id, hex4(id)), String.valueOf(id), at + 4, 2);
                node.labelledField("icmp.seq", "Sequence Number (BE): %d (%s)".formatted(sequence, hex4(sequence)), String.valueOf(sequence), at + 6, 2);
            }
        }
        return node;
    }
}
