package dev.tapdeck.decode.field;

import dev.tapdeck.decode.IcmpHeader;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.decode.UdpHeader;
import dev.tapdeck.decode.field.FieldDef.Display;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.BOOLEAN;
import static dev.tapdeck.decode.field.FieldType.BYTES;
import static dev.tapdeck.decode.field.FieldType.NONE;
import static dev.tapdeck.decode.field.FieldType.UINT16;
import static dev.tapdeck.decode.field.FieldType.UINT32;
import static dev.tapdeck.decode.field.FieldType.UINT8;

/** The transport layer: TCP with its options, UDP, ICMP and ICMPv6. */
public final class TransportFields {
    private static final Declarations TCP = new Declarations("tcp", Protocol.TCP);

    public static final FieldDef TCP_PROTO = TCP.protocol("Transmission Control Protocol");
    public static final FieldDef TCP_SRCPORT = TCP.field("tcp.srcport", UINT16, "Source Port").display(Display.PT_TCP)
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (t.present()) {
                    Reads.number(p, t.sourcePort(), t.offset(), 2, out);
                }
            });
    public static final FieldDef TCP_DSTPORT = TCP.field("tcp.dstport", UINT16, "Destination Port").display(Display.PT_TCP)
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (t.present()) {
                    Reads.number(p, t.destinationPort(), t.offset() + 2, 2, out);
                }
            });
    public static final FieldDef TCP_PORT = TCP.field("tcp.port", UINT16, "Source or Destination Port").display(Display.PT_TCP)
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
    public static final FieldDef TCP_FLAGS = TCP.field("tcp.flags", UINT16, "Flags").hex().mask(0xfff)
            .describe("Flags (12 bits)")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (fixedHeader(t)) {
                    Reads.number(p, t.flags(), t.offset() + 12, 2, out);
                }
            });
    public static final FieldDef TCP_FLAGS_RES = flag("tcp.flags.res", "Reserved", 0xe00)
            .describe("Three reserved bits (must be zero)");
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
            .describe("Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html")
            .hot((p, out) -> {
                TcpHeader t = p.dissection().tcp;
                if (fixedHeader(t)) {
                    Reads.number(p, t.checksum(), t.offset() + 16, 2, out);
                }
            });
    public static final FieldDef TCP_URGENT_POINTER = TCP.field("tcp.urgent_pointer", UINT16, "Urgent Pointer");
    public static final FieldDef TCP_OPTIONS = TCP.field("tcp.options", BYTES, "TCP Options");
    public static final FieldDef TCP_OPTION_KIND = TCP.field("tcp.option_kind", UINT8, "Kind")
            .describe("This TCP option's kind")
            .values(ValueNames.TCP_OPTION_KINDS);
    public static final FieldDef TCP_OPTION_LEN = TCP.field("tcp.option_len", UINT8, "Length")
            .describe("Length of this TCP option in bytes (including kind and length fields)");
    public static final FieldDef TCP_OPTIONS_MSS_VAL = TCP.field("tcp.options.mss_val", UINT16, "MSS Value");
    public static final FieldDef TCP_OPTIONS_WSCALE_SHIFT = TCP.field("tcp.options.wscale.shift", UINT8, "Shift count")
            .describe("Logarithmically encoded power of 2 scale factor");
    public static final FieldDef TCP_OPTIONS_WSCALE_MULTIPLIER = TCP.field("tcp.options.wscale.multiplier", UINT16, "Multiplier")
            .describe("Multiply segment window size by this for scaled window size");
    public static final FieldDef TCP_OPTIONS_SACK_LE = TCP.field("tcp.options.sack_le", UINT32, "TCP SACK Left Edge");
    public static final FieldDef TCP_OPTIONS_SACK_RE = TCP.field("tcp.options.sack_re", UINT32, "TCP SACK Right Edge");
    public static final FieldDef TCP_OPTIONS_TIMESTAMP_TSVAL = TCP.field("tcp.options.timestamp.tsval", UINT32, "Timestamp value")
            .describe("Value of sending machine's timestamp clock");
    public static final FieldDef TCP_OPTIONS_TIMESTAMP_TSECR = TCP.field("tcp.options.timestamp.tsecr", UINT32, "Timestamp echo reply")
            .describe("Echoed timestamp from remote machine");
    public static final FieldDef TCP_PAYLOAD = TCP.field("tcp.payload", BYTES, "TCP payload")
            .describe("The TCP payload of this packet");
    // Expert items: the conditions Wireshark's TCP dissector reports without sequence analysis.
    public static final FieldDef TCP_CONNECTION_SYN = TCP.field("tcp.connection.syn", NONE, "Connection establish request (SYN)");
    public static final FieldDef TCP_CONNECTION_SYNACK = TCP.field("tcp.connection.synack", NONE, "Connection establish acknowledge (SYN+ACK)");
    public static final FieldDef TCP_CONNECTION_FIN = TCP.field("tcp.connection.fin", NONE, "Connection finish (FIN)");
    public static final FieldDef TCP_CONNECTION_RST = TCP.field("tcp.connection.rst", NONE, "Connection reset (RST)");
    public static final FieldDef TCP_SHORT_SEGMENT = TCP.field("tcp.short_segment", NONE, "Short segment");
    public static final FieldDef TCP_URGENT_POINTER_NON_ZERO = TCP.field("tcp.urgent_pointer.non_zero", NONE, "The urgent pointer field is nonzero while the URG flag is not set");

    /** Each TCP option is a protocol of its own in Wireshark, so that its line can be filtered on. */
    public static final FieldDef TCP_OPTIONS_EOL = new Declarations("tcp.options.eol").protocol("TCP Option - End of Option List (EOL)");
    public static final FieldDef TCP_OPTIONS_NOP = new Declarations("tcp.options.nop").protocol("TCP Option - No-Operation (NOP)");
    public static final FieldDef TCP_OPTIONS_MSS = new Declarations("tcp.options.mss").protocol("TCP Option - Maximum segment size");
    public static final FieldDef TCP_OPTIONS_WSCALE = new Declarations("tcp.options.wscale").protocol("TCP Option - Window scale");
    public static final FieldDef TCP_OPTIONS_SACK_PERM = new Declarations("tcp.options.sack_perm").protocol("TCP Option - SACK permitted");
    public static final FieldDef TCP_OPTIONS_SACK = new Declarations("tcp.options.sack").protocol("TCP Option - SACK");
    public static final FieldDef TCP_OPTIONS_TIMESTAMP = new Declarations("tcp.options.timestamp").protocol("TCP Option - Timestamps");
    public static final FieldDef TCP_OPTIONS_UNKNOWN = new Declarations("tcp.options.unknown").protocol("TCP Option - Unknown");
    private static final List<FieldDef> TCP_OPTION_ITEMS = List.of(TCP_OPTIONS_EOL, TCP_OPTIONS_NOP, TCP_OPTIONS_MSS,
            TCP_OPTIONS_WSCALE, TCP_OPTIONS_SACK_PERM, TCP_OPTIONS_SACK, TCP_OPTIONS_TIMESTAMP, TCP_OPTIONS_UNKNOWN);

    private static boolean fixedHeader(TcpHeader t) {
        return t.present() && t.headerLength() >= TcpHeader.MIN_LENGTH;
    }

    /** One of the flag bits of {@code tcp.flags}, a boolean of the 12-bit word. */
    private static FieldDef flag(String name, String label, int mask) {
        return TCP.field(name, BOOLEAN, label).bit(12, mask).trueFalse("Set", "Not set")
                .hot((p, out) -> {
                    TcpHeader t = p.dissection().tcp;
                    if (fixedHeader(t)) {
                        Reads.bool((t.flags() & mask) != 0, out);
                    }
                });
    }

    private static final Declarations UDP = new Declarations("udp", Protocol.UDP);

    public static final FieldDef UDP_PROTO = UDP.protocol("User Datagram Protocol");
    public static final FieldDef UDP_SRCPORT = UDP.field("udp.srcport", UINT16, "Source Port").display(Display.PT_UDP)
            .hot((p, out) -> {
                UdpHeader u = p.dissection().udp;
                if (u.present()) {
                    Reads.number(p, u.sourcePort(), u.offset(), 2, out);
                }
            });
    public static final FieldDef UDP_DSTPORT = UDP.field("udp.dstport", UINT16, "Destination Port").display(Display.PT_UDP)
            .hot((p, out) -> {
                UdpHeader u = p.dissection().udp;
                if (u.present()) {
                    Reads.number(p, u.destinationPort(), u.offset() + 2, 2, out);
                }
            });
    public static final FieldDef UDP_PORT = UDP.field("udp.port", UINT16, "Source or Destination Port").display(Display.PT_UDP)
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
            .describe("Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html")
            .hot((p, out) -> {
                UdpHeader u = p.dissection().udp;
                if (u.present()) {
                    Reads.number(p, u.checksum(), u.offset() + 6, 2, out);
                }
            });
    public static final FieldDef UDP_PAYLOAD = UDP.field("udp.payload", BYTES, "Payload");

    private static final Declarations ICMP = new Declarations("icmp", Protocol.ICMP);

    public static final FieldDef ICMP_PROTO = ICMP.protocol("Internet Control Message Protocol");
    public static final FieldDef ICMP_TYPE = ICMP.field("icmp.type", UINT8, "Type")
            .values(ValueNames.ICMP_TYPES)
            .hot((p, out) -> {
                IcmpHeader i = p.dissection().icmp;
                if (i.present()) {
                    Reads.number(p, i.type(), i.offset(), 1, out);
                }
            });
    /** Wireshark names an ICMP code by its type: see {@link #icmpCodeName}. */
    public static final FieldDef ICMP_CODE = ICMP.field("icmp.code", UINT8, "Code")
            .hot((p, out) -> {
                IcmpHeader i = p.dissection().icmp;
                if (i.present()) {
                    Reads.number(p, i.code(), i.offset() + 1, 1, out);
                }
            });
    public static final FieldDef ICMP_CHECKSUM = ICMP.field("icmp.checksum", UINT16, "Checksum").hex();
    public static final FieldDef ICMP_IDENT = ICMP.field("icmp.ident", UINT16, "Identifier (BE)").display(Display.DEC_HEX)
            .describe("Identifier (big endian representation)");
    public static final FieldDef ICMP_SEQ = ICMP.field("icmp.seq", UINT16, "Sequence Number (BE)").display(Display.DEC_HEX)
            .describe("Sequence Number (big endian representation)");

    private static final Declarations ICMPV6 = new Declarations("icmpv6", Protocol.ICMPV6);

    public static final FieldDef ICMPV6_PROTO = ICMPV6.protocol("Internet Control Message Protocol v6");
    public static final FieldDef ICMPV6_TYPE = ICMPV6.field("icmpv6.type", UINT8, "Type")
            .describe("Indicates the type of the message")
            .values(ValueNames.ICMPV6_TYPES)
            .hot((p, out) -> {
                IcmpHeader i = p.dissection().icmpv6;
                if (i.present()) {
                    Reads.number(p, i.type(), i.offset(), 1, out);
                }
            });
    public static final FieldDef ICMPV6_CODE = ICMPV6.field("icmpv6.code", UINT8, "Code")
            .describe("Depends on the message type.  It is used to create an additional level of message granularity")
            .hot((p, out) -> {
                IcmpHeader i = p.dissection().icmpv6;
                if (i.present()) {
                    Reads.number(p, i.code(), i.offset() + 1, 1, out);
                }
            });
    public static final FieldDef ICMPV6_CHECKSUM = ICMPV6.field("icmpv6.checksum", UINT16, "Checksum").hex()
            .describe("Used to detect data corruption in the ICMPv6 message and parts of the IPv6 header");
    public static final FieldDef ICMPV6_ECHO_IDENTIFIER = ICMPV6.field("icmpv6.echo.identifier", UINT16, "Identifier").hex()
            .describe("An identifier to aid in matching with Request and Reply");
    public static final FieldDef ICMPV6_ECHO_SEQUENCE_NUMBER = ICMPV6.field("icmpv6.echo.sequence_number", UINT16, "Sequence")
            .describe("A sequence number to aid in matching Echo Replies to this Echo Request");


    private static final List<FieldDef> OTHER_PROTOCOLS = List.of(
            new Declarations("l2tp", Protocol.L2TP).protocol("Layer 2 Tunneling Protocol"));

    private TransportFields() {
    }

    /** The name of ICMP code {@code code} of message type {@code type}, or null where Wireshark names none. */
    public static String icmpCodeName(int type, int code) {
        Map<Long, String> codes = ValueNames.ICMP_CODES.get((long) type);
        return codes == null ? null : codes.get((long) code);
    }

    static List<FieldDef> all() {
        return Stream.of(TCP.all(), TCP_OPTION_ITEMS, UDP.all(), ICMP.all(), ICMPV6.all(), OTHER_PROTOCOLS)
                .flatMap(List::stream).toList();
    }
}
