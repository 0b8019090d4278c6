package dev.tapdeck.decode.field;

import dev.tapdeck.decode.IcmpHeader;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.decode.UdpHeader;

import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.BOOLEAN;
import static dev.tapdeck.decode.field.FieldType.UINT16;
import static dev.tapdeck.decode.field.FieldType.UINT32;
import static dev.tapdeck.decode.field.FieldType.UINT8;

/** The transport layer: TCP, UDP, ICMP and ICMPv6. */
public final class TransportFields {
    private static final Declarations TCP = new Declarations("tcp", Protocol.TCP);

    public static final FieldDef TCP_PROTO = TCP.protocol("Transmission Control Protocol");
    public static final FieldDef TCP_SRCPORT = TCP.field("tcp.srcport", UINT16, "Source Port")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (t.present()) {
                    Reads.number(p, t.sourcePort(), t.offset(), 2, out);
                }
            });
    public static final FieldDef TCP_DSTPORT = TCP.field("tcp.dstport", UINT16, "Destination Port")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (t.present()) {
                    Reads.number(p, t.destinationPort(), t.offset() + 2, 2, out);
                }
            });
    public static final FieldDef TCP_PORT = TCP.field("tcp.port", UINT16, "Source or Destination Port")
            .anyOf(TCP_SRCPORT, TCP_DSTPORT)
            .hot((p, out) -> {
                TCP_SRCPORT.hotRead().read(p, out);
                TCP_DSTPORT.hotRead().read(p, out);
            });
    public static final FieldDef TCP_LEN = TCP.field("tcp.len", UINT32, "TCP Segment Len")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (t.present() && t.payloadLength() >= 0) {
                    out.addNumber(t.payloadLength());
                }
            });
    public static final FieldDef TCP_SEQ = TCP.field("tcp.seq", UINT32, "Sequence Number")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (t.present()) {
                    Reads.number(p, t.sequence(), t.offset() + 4, 4, out);
                }
            });
    public static final FieldDef TCP_ACK = TCP.field("tcp.ack", UINT32, "Acknowledgment Number")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (fixedHeader(t)) {
                    Reads.number(p, t.acknowledgement(), t.offset() + 8, 4, out);
                }
            });
    public static final FieldDef TCP_HDR_LEN = TCP.field("tcp.hdr_len", UINT8, "Header Length")
            .describe("Data offset in 32-bit words")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (t.present()) {
                    Reads.number(p, t.headerLength(), t.offset() + 12, 1, out);
                }
            });
    public static final FieldDef TCP_FLAGS = TCP.field("tcp.flags", UINT16, "Flags").hex()
            .describe("Flags (12 bits)")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (fixedHeader(t)) {
                    Reads.number(p, t.flags(), t.offset() + 12, 2, out);
                }
            });
    public static final FieldDef TCP_FLAGS_RES = flag("tcp.flags.res", "Reserved", 0xe00);
    public static final FieldDef TCP_FLAGS_AE = flag("tcp.flags.ae", "Accurate ECN", TcpHeader.AE);
    public static final FieldDef TCP_FLAGS_CWR = flag("tcp.flags.cwr", "Congestion Window Reduced", TcpHeader.CWR);
    public static final FieldDef TCP_FLAGS_ECE = flag("tcp.flags.ece", "ECN-Echo", TcpHeader.ECE);
    public static final FieldDef TCP_FLAGS_URG = flag("tcp.flags.urg", "Urgent", TcpHeader.URG);
    public static final FieldDef TCP_FLAGS_ACK = flag("tcp.flags.ack", "Acknowledgment", TcpHeader.ACK);
    public static final FieldDef TCP_FLAGS_PUSH = flag("tcp.flags.push", "Push", TcpHeader.PSH);
    public static final FieldDef TCP_FLAGS_RESET = flag("tcp.flags.reset", "Reset", TcpHeader.RST);
    public static final FieldDef TCP_FLAGS_SYN = flag("tcp.flags.syn", "Syn", TcpHeader.SYN);
    public static final FieldDef TCP_FLAGS_FIN = flag("tcp.flags.fin", "Fin", TcpHeader.FIN);
    public static final FieldDef TCP_WINDOW_SIZE_VALUE = TCP.field("tcp.window_size_value", UINT16, "Window")
            .describe("The window size value from the TCP header")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (fixedHeader(t)) {
                    Reads.number(p, t.window(), t.offset() + 14, 2, out);
                }
            });
    public static final FieldDef TCP_CHECKSUM = TCP.field("tcp.checksum", UINT16, "Checksum").hex()
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (fixedHeader(t)) {
                    Reads.number(p, t.checksum(), t.offset() + 16, 2, out);
                }
            });

    private static boolean fixedHeader(TcpHeader t) {
        return t.present() && t.headerLength() >= TcpHeader.MIN_LENGTH;
    }

    /** One of the flag bits of {@code tcp.flags}, a boolean of the 12-bit word. */
    private static FieldDef flag(String name, String label, int mask) {
        return TCP.field(name, BOOLEAN, label)
                .hot((p, out) -> {
                    TcpHeader t = p.dissection().tcp;
                    if (fixedHeader(t)) {
                        Reads.bool((t.flags() & mask) != 0, out);
                    }
                });
    }

    private static final Declarations UDP = new Declarations("udp", Protocol.UDP);

    public static final FieldDef UDP_PROTO = UDP.protocol("User Datagram Protocol");
    public static final FieldDef UDP_SRCPORT = UDP.field("udp.srcport", UINT16, "Source Port")
            .hot((p, out) -> {
                UdpHeader u = p.dissection().udp;
                if (u.present()) {
                    Reads.number(p, u.sourcePort(), u.offset(), 2, out);
                }
            });
    public static final FieldDef UDP_DSTPORT = UDP.field("udp.dstport", UINT16, "Destination Port")
            .hot((p, out) -> {
                UdpHeader u = p.dissection().udp;
                if (u.present()) {
                    Reads.number(p, u.destinationPort(), u.offset() + 2, 2, out);
                }
            });
    public static final FieldDef UDP_PORT = UDP.field("udp.port", UINT16, "Source or Destination Port")
            .anyOf(UDP_SRCPORT, UDP_DSTPORT)
            .hot((p, out) -> {
                UDP_SRCPORT.hotRead().read(p, out);
                UDP_DSTPORT.hotRead().read(p, out);
            });
    public static final FieldDef UDP_LENGTH = UDP.field("udp.length", UINT16, "Length")
            .describe("Length in octets including this header and the data")
            .hot((p, out) -> {
                UdpHeader u = p.dissection().udp;
                if (u.present()) {
                    Reads.number(p, u.length(), u.offset() + 4, 2, out);
                }
            });
    public static final FieldDef UDP_CHECKSUM = UDP.field("udp.checksum", UINT16, "Checksum").hex()
            .hot((p, out) -> {
                UdpHeader u = p.dissection().udp;
                if (u.present()) {
                    Reads.number(p, u.checksum(), u.offset() + 6, 2, out);
                }
            });

    private static final Declarations ICMP = new Declarations("icmp", Protocol.ICMP);

    public static final FieldDef ICMP_PROTO = ICMP.protocol("Internet Control Message Protocol");
    public static final FieldDef ICMP_TYPE = ICMP.field("icmp.type", UINT8, "Type")
            .hot((p, out) -> {
                IcmpHeader i = p.dissection().icmp;
                if (i.present()) {
                    Reads.number(p, i.type(), i.offset(), 1, out);
                }
            });
    public static final FieldDef ICMP_CODE = ICMP.field("icmp.code", UINT8, "Code")
            .hot((p, out) -> {
                IcmpHeader i = p.dissection().icmp;
                if (i.present()) {
                    Reads.number(p, i.code(), i.offset() + 1, 1, out);
                }
            });

    private static final Declarations ICMPV6 = new Declarations("icmpv6", Protocol.ICMPV6);

    public static final FieldDef ICMPV6_PROTO = ICMPV6.protocol("Internet Control Message Protocol v6");
    public static final FieldDef ICMPV6_TYPE = ICMPV6.field("icmpv6.type", UINT8, "Type")
            .hot((p, out) -> {
                IcmpHeader i = p.dissection().icmpv6;
                if (i.present()) {
                    Reads.number(p, i.type(), i.offset(), 1, out);
                }
            });
    public static final FieldDef ICMPV6_CODE = ICMPV6.field("icmpv6.code", UINT8, "Code")
            .hot((p, out) -> {
                IcmpHeader i = p.dissection().icmpv6;
                if (i.present()) {
                    Reads.number(p, i.code(), i.offset() + 1, 1, out);
                }
            });

    private static final List<FieldDef> OTHER_PROTOCOLS = List.of(
            new Declarations("l2tp", Protocol.L2TP).protocol("Layer 2 Tunneling Protocol"));

    private TransportFields() {
    }

    static List<FieldDef> all() {
        return Stream.of(TCP.all(), UDP.all(), ICMP.all(), ICMPV6.all(), OTHER_PROTOCOLS).flatMap(List::stream).toList();
    }
}
