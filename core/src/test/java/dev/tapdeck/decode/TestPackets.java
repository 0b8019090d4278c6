package dev.tapdeck.decode;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds packets for decoder tests header by header, field by field as the RFCs draw them, so
 * that a test states its input (and derives its expectations) independently of the decoder.
 * Each layer wraps the bytes of the layer above it and fills its own length fields from them,
 * unless a test overrides a field to build a malformed packet.
 */
public final class TestPackets {
    public static final long MAC_A = 0x00_1b_21_3a_4b_5cL;
    static final long MAC_B = 0x58_6d_8f_99_ec_a8L;
    static final long MAC_BROADCAST = 0xff_ff_ff_ff_ff_ffL;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    public static final int ETHERTYPE_IPV6 = 0x86dd;

    public static final int PROTO_HOPOPTS = 0, PROTO_ICMP = 1, PROTO_IPIP = 4, PROTO_TCP = 6, PROTO_UDP = 17,
            PROTO_IPV6 = 41, PROTO_ROUTING = 43, PROTO_FRAGMENT = 44, PROTO_AH = 51, PROTO_ICMPV6 = 58,
            PROTO_NONE = 59, PROTO_DSTOPTS = 60;

    private TestPackets() {
    }

    // ---- bytes

    /** A growable big-endian byte writer that knows its position. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer u16(int value) {
            return u8(value >>> 8).u8(value);
        }

        Writer u24(int value) {
            return u8(value >>> 16).u16(value);
        }

        Writer u32(long value) {
            return u16((int) (value >>> 16)).u16((int) value);
        }

        Writer mac(long mac) {
            return u16((int) (mac >>> 32)).u32(mac);
        }

        Writer bytes(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Writer bytes(int... values) {
            for (int value : values) {
                u8(value);
            }
            return this;
        }

        Writer zeros(int count) {
            return bytes(new byte[count]);
        }

        int position() {
            return out.size();
        }

        public byte[] toBytes() {
            return out.toByteArray();
        }
    }

    static byte[] concat(byte[]... parts) {
        Writer w = new Writer();
        for (byte[] part : parts) {
            w.bytes(part);
        }
        return w.toBytes();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(int... values) {
        return new Writer().bytes(values).toBytes();
    }

    /** Offset of the first occurrence of {@code needle} in {@code haystack}; fails the test when absent. */
    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("bytes not found in the packet");
    }

    /** Address literal (never a host name) to its 4 or 16 bytes. */
    static byte[] ip(String literal) {
        try {
            return InetAddress.ofLiteral(literal).getAddress();
        } catch (IllegalArgumentException e) {
            throw new AssertionError("not an address literal: " + literal, e);
        }
    }

    /** IPv6 address literal to 16 bytes, keeping IPv4-mapped addresses in IPv6 form. */
    static byte[] ip6(String literal) {
        byte[] address = ip(literal);
        if (address.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(address, 0, mapped, 12, 4);
            return mapped;
        }
        return address;
    }

    static int ipv4Int(String dotted) {
        return ByteBuffer.wrap(ip(dotted)).getInt();
    }

    /** RFC 1071 Internet checksum of {@code data[from, to)}. */
    static int internetChecksum(byte[] data, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i += 2) {
            int hi = data[i] & 0xff;
            int lo = i + 1 < to ? data[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void put16(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 8);
        data[at + 1] = (byte) value;
    }

    // ---- link layer

    /** Ethernet II (or an 802.3 frame when {@code typeOrLength} is at most 1500). */
    static byte[] ethernet(long destination, long source, int typeOrLength, byte[] payload) {
        return new Writer().mac(destination).mac(source).u16(typeOrLength).bytes(payload).toBytes();
    }

    public static byte[] ethernet(int etherType, byte[] payload) {
        return ethernet(MAC_B, MAC_A, etherType, payload);
    }

    /** IEEE 802.3 frame: the type field holds the payload's length; an 802.2 LLC header begins the payload. */
    static byte[] ethernet8023(long destination, long source, byte[] llcPayload) {
        return ethernet(destination, source, llcPayload.length, llcPayload);
    }

    /** An 802.1Q/802.1ad tag as it follows the EtherType that announced it: TCI (PCP, DEI, VID), inner EtherType. */
    public static byte[] vlanTag(int priority, int id, int innerType, byte[] payload) {
        return new Writer().u16((priority << 13) | (id & 0x0fff)).u16(innerType).bytes(payload).toBytes();
    }

    /** Linux cooked capture v1: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
    static byte[] sll(int packetType, int protocol, byte[] payload) {
        return new Writer().u16(packetType).u16(1).u16(6).mac(MAC_A).zeros(2).u16(protocol).bytes(payload).toBytes();
    }

    /** Linux cooked capture v2: protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes. */
    static byte[] sll2(int protocol, int interfaceIndex, byte[] payload) {
        return new Writer().u16(protocol).u16(0).u32(interfaceIndex).u16(1).u8(0).u8(6).mac(MAC_A).zeros(2)
                .bytes(payload).toBytes();
    }

    /** BSD loopback (LINKTYPE_NULL): the address family in the capturing host's byte order. */
    static byte[] bsdNull(int family, ByteOrder order, byte[] payload) {
        byte[] header = ByteBuffer.allocate(4).order(order).putInt(family).array();
        return concat(header, payload);
    }

    /** OpenBSD loopback (LINKTYPE_LOOP): the address family in network byte order. */
    static byte[] loop(int family, byte[] payload) {
        return bsdNull(family, ByteOrder.BIG_ENDIAN, payload);
    }

    // ---- network layer

    /** ARP for Ethernet and IPv4 (RFC 826). */
    public static byte[] arp(int opcode, long senderMac, String senderIp, long targetMac, String targetIp) {
        return new Writer().u16(1).u16(ETHERTYPE_IPV4).u8(6).u8(4).u16(opcode)
                .mac(senderMac).bytes(ip(senderIp)).mac(targetMac).bytes(ip(targetIp)).toBytes();
    }

    public static Ipv4 ipv4(String source, String destination, int protocol) {
        return new Ipv4(source, destination, protocol);
    }

    /** IPv4 header (RFC 791 §3.1); lengths and checksum come from the options and payload unless overridden. */
    public static final class Ipv4 {
        private int version = 4;
        private Integer headerWords;
        private int tos;
        private Integer totalLength;
        private int id = 0x1c46;
        private boolean dontFragment;
        private boolean moreFragments;
        private int fragmentOffset;
        private int ttl = 64;
        private final int protocol;
        private final byte[] source;
        private final byte[] destination;
        private byte[] options = {};

        private Ipv4(String source, String destination, int protocol) {
            this.source = ip(source);
            this.destination = ip(destination);
            this.protocol = protocol;
        }

        Ipv4 version(int value) { version = value; return this; }
        /** IHL in 4-byte words, for bogus headers. */
        Ipv4 headerWords(int value) { headerWords = value; return this; }
        Ipv4 totalLength(int value) { totalLength = value; return this; }
        public Ipv4 id(int value) { id = value; return this; }
        Ipv4 dontFragment() { dontFragment = true; return this; }
        Ipv4 moreFragments() { moreFragments = true; return this; }
        /** Fragment offset in units of 8 bytes. */
        Ipv4 fragmentOffset(int units) { fragmentOffset = units; return this; }
        Ipv4 ttl(int value) { ttl = value; return this; }
        /** Options, padded with End of Option List to a multiple of 4 bytes. */
        Ipv4 options(byte[] value) {
            options = Arrays.copyOf(value, (value.length + 3) / 4 * 4);
            return this;
        }

        public byte[] wrap(byte[] payload) {
            int headerLength = 20 + options.length;
            int words = headerWords != null ? headerWords : headerLength / 4;
            int length = totalLength != null ? totalLength : headerLength + payload.length;
            int flags = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset & 0x1fff);
            byte[] header = new Writer().u8((version << 4) | (words & 0x0f)).u8(tos).u16(length).u16(id).u16(flags)
                    .u8(ttl).u8(protocol).u16(0).bytes(source).bytes(destination).bytes(options).toBytes();
            put16(header, 10, internetChecksum(header, 0, header.length));
            return concat(header, payload);
        }
    }

    /** Record Route (RFC 791 §3.1, type 7): pointer, then slots for {@code slots} addresses, the first {@code recorded} filled. */
    static byte[] recordRoute(int slots, String... recorded) {
        Writer w = new Writer().u8(7).u8(3 + 4 * slots).u8(4 + 4 * recorded.length);
        for (int i = 0; i < slots; i++) {
            w.bytes(i < recorded.length ? ip(recorded[i]) : new byte[4]);
        }
        return w.toBytes();
    }

    /** Loose (131) or strict (137) source route with the pointer at the next address to visit (4 = the first). */
    static byte[] sourceRoute(boolean strict, int pointer, String... route) {
        Writer w = new Writer().u8(strict ? 137 : 131).u8(3 + 4 * route.length).u8(pointer);
        for (String hop : route) {
            w.bytes(ip(hop));
        }
        return w.toBytes();
    }

    public static Ipv6 ipv6(String source, String destination, int nextHeader) {
        return new Ipv6(source, destination, nextHeader);
    }

    /** IPv6 fixed header (RFC 8200 §3); the payload length comes from the payload unless overridden. */
    public static final class Ipv6 {
        private final byte[] source;
        private final byte[] destination;
        private final int nextHeader;
        private int hopLimit = 64;
        private int flowLabel = 0x12345;
        private Integer payloadLength;

        private Ipv6(String source, String destination, int nextHeader) {
            this.source = ip6(source);
            this.destination = ip6(destination);
            this.nextHeader = nextHeader;
        }

        Ipv6 hopLimit(int value) { hopLimit = value; return this; }
        Ipv6 payloadLength(int value) { payloadLength = value; return this; }

        public byte[] wrap(byte[] payload) {
            return new Writer().u32((6L << 28) | flowLabel).u16(payloadLength != null ? payloadLength : payload.length)
                    .u8(nextHeader).u8(hopLimit).bytes(source).bytes(destination).bytes(payload).toBytes();
        }
    }

    /** Hop-by-Hop Options (RFC 8200 §4.3) holding a Router Alert option (RFC 2711) and a PadN: 8 bytes. */
    static byte[] hopByHop(int next, byte[] payload) {
        return new Writer().u8(next).u8(0).bytes(5, 2, 0, 0).bytes(1, 0).bytes(payload).toBytes();
    }

    /** Destination Options (RFC 8200 §4.6) padded with one PadN over 6 bytes: 8 bytes. */
    static byte[] destinationOptions(int next, byte[] payload) {
        return new Writer().u8(next).u8(0).bytes(1, 4, 0, 0, 0, 0).bytes(payload).toBytes();
    }

    /** Type 0 Routing header (RFC 2460 §4.4) listing {@code addresses}: 8 + 16n bytes. */
    static byte[] routing(int next, int segmentsLeft, byte[] payload, String... addresses) {
        Writer w = new Writer().u8(next).u8(2 * addresses.length).u8(0).u8(segmentsLeft).u32(0);
        for (String address : addresses) {
            w.bytes(ip6(address));
        }
        return w.bytes(payload).toBytes();
    }

    /** Fragment header (RFC 8200 §4.5): offset in units of 8 bytes, M flag, identification. */
    static byte[] fragmentHeader(int next, int offsetUnits, boolean more, long id, byte[] payload) {
        return new Writer().u8(next).u8(0).u16((offsetUnits << 3) | (more ? 1 : 0)).u32(id).bytes(payload).toBytes();
    }

    /** Authentication Header (RFC 4302 §2) with a 12-byte ICV: 24 bytes, length field 4. */
    static byte[] authenticationHeader(int next, byte[] payload) {
        return new Writer().u8(next).u8(24 / 4 - 2).u16(0).u32(0x1000).u32(1).zeros(12).bytes(payload).toBytes();
    }

    // ---- transport layer

    public static Tcp tcp(int sourcePort, int destinationPort) {
        return new Tcp(sourcePort, destinationPort);
    }

    /** TCP header (RFC 9293 §3.1). */
    public static final class Tcp {
        private final int sourcePort;
        private final int destinationPort;
        private long sequence = 1000;
        private long acknowledgement;
        private int flags = TcpHeader.ACK;
        private int window = 64240;
        private byte[] options = {};
        private Integer dataOffsetWords;

        private Tcp(int sourcePort, int destinationPort) {
            this.sourcePort = sourcePort;
            this.destinationPort = destinationPort;
        }

        public Tcp seq(long value) { sequence = value; return this; }
        public Tcp ack(long value) { acknowledgement = value; return this; }
        /** The 12 flag bits (see {@link TcpHeader#SYN} and friends). */
        public Tcp flags(int value) { flags = value; return this; }
        Tcp window(int value) { window = value; return this; }
        /** Options, padded with End of Option List to a multiple of 4 bytes. */
        Tcp options(byte[] value) {
            options = Arrays.copyOf(value, (value.length + 3) / 4 * 4);
            return this;
        }
        /** Data offset in 4-byte words, for bogus headers. */
        Tcp dataOffsetWords(int value) { dataOffsetWords = value; return this; }

        public byte[] wrap(byte[] payload) {
            int words = dataOffsetWords != null ? dataOffsetWords : (20 + options.length) / 4;
            return new Writer().u16(sourcePort).u16(destinationPort).u32(sequence).u32(acknowledgement)
                    .u16((words << 12) | (flags & 0x0fff)).u16(window).u16(0).u16(0)
                    .bytes(options).bytes(payload).toBytes();
        }

        public byte[] build() {
            return wrap(new byte[0]);
        }
    }

    static TcpOptions tcpOptions() {
        return new TcpOptions();
    }

    /** TCP options as kind/length/value (RFC 9293 §3.2, RFC 7323, RFC 2018). */
    static final class TcpOptions {
        private final Writer w = new Writer();

        TcpOptions nop() { w.u8(1); return this; }
        TcpOptions end() { w.u8(0); return this; }
        TcpOptions mss(int value) { w.u8(2).u8(4).u16(value); return this; }
        TcpOptions windowScale(int shift) { w.u8(3).u8(3).u8(shift); return this; }
        TcpOptions sackPermitted() { w.u8(4).u8(2); return this; }
        /** SACK blocks as left/right edge pairs. */
        TcpOptions sack(long... edges) {
            w.u8(5).u8(2 + 4 * edges.length);
            for (long edge : edges) {
                w.u32(edge);
            }
            return this;
        }
        TcpOptions timestamps(long value, long echo) { w.u8(8).u8(10).u32(value).u32(echo); return this; }
        TcpOptions raw(int... values) { w.bytes(values); return this; }

        public byte[] toBytes() {
            return w.toBytes();
        }
    }

    /** UDP (RFC 768) with the length taken from the payload. */
    public static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        return udp(sourcePort, destinationPort, 8 + payload.length, payload);
    }

    static byte[] udp(int sourcePort, int destinationPort, int length, byte[] payload) {
        return new Writer().u16(sourcePort).u16(destinationPort).u16(length).u16(0).bytes(payload).toBytes();
    }

    /** ICMP (RFC 792): type, code, checksum, the 4-byte rest of header, then the data. */
    public static byte[] icmp(int type, int code, long restOfHeader, byte[] data) {
        byte[] message = new Writer().u8(type).u8(code).u16(0).u32(restOfHeader).bytes(data).toBytes();
        put16(message, 2, internetChecksum(message, 0, message.length));
        return message;
    }

    /** ICMPv6 (RFC 4443 §2.1); the checksum is left zero (it covers a pseudo-header; decoders do not check it). */
    static byte[] icmpv6(int type, int code, long restOfHeader, byte[] body) {
        return new Writer().u8(type).u8(code).u16(0).u32(restOfHeader).bytes(body).toBytes();
    }

    // ---- application layer

    public static Dns dns(int id, int flags, int questions, int answers, int authorities, int additionals) {
        return new Dns(id, flags, questions, answers, authorities, additionals);
    }

    /**
     * A DNS message (RFC 1035 §4.1) written section by section; the counts in the header are
     * the test's to choose. Offsets for compression pointers are from the message start.
     */
    public static final class Dns {
        public static final int FLAGS_QUERY = 0x0100;          // RD
        public static final int FLAGS_RESPONSE = 0x8180;       // QR, RD, RA
        public static final int TYPE_A = 1, TYPE_CNAME = 5, TYPE_PTR = 12, TYPE_AAAA = 28, CLASS_IN = 1;

        private final Writer w = new Writer();

        private Dns(int id, int flags, int questions, int answers, int authorities, int additionals) {
            w.u16(id).u16(flags).u16(questions).u16(answers).u16(authorities).u16(additionals);
        }

        /** A dotted name as labels and the root label. */
        public Dns name(String dotted) {
            labels(dotted);
            w.u8(0);
            return this;
        }

        /** Labels without the terminating root label (to be followed by a pointer). */
        Dns labels(String dotted) {
            for (String label : dotted.split("\\.")) {
                label(ascii(label));
            }
            return this;
        }

        public Dns label(byte[] raw) {
            w.u8(raw.length).bytes(raw);
            return this;
        }

        Dns root() {
            w.u8(0);
            return this;
        }

        /** Compression pointer (RFC 1035 §4.1.4). */
        Dns pointer(int offset) {
            w.u16(0xc000 | offset);
            return this;
        }

        public Dns question(String name, int type) {
            return name(name).typeAndClass(type);
        }

        public Dns typeAndClass(int type) {
            w.u16(type).u16(CLASS_IN);
            return this;
        }

        /** The fixed part of a resource record after its name, with {@code data} as RDATA. */
        Dns record(int type, long ttl, byte[] data) {
            w.u16(type).u16(CLASS_IN).u32(ttl).u16(data.length).bytes(data);
            return this;
        }

        Dns raw(int... values) {
            w.bytes(values);
            return this;
        }

        int position() {
            return w.position();
        }

        public byte[] toBytes() {
            return w.toBytes();
        }
    }

    /** A TLS 1.2-style ClientHello in one handshake record (RFC 8446 §4.1.2, §5.1). */
    static TlsHello clientHello() {
        return new TlsHello();
    }

    static final class TlsHello {
        private String serverName;
        private int recordVersion = 0x0301;

        /** Adds the server_name extension (RFC 6066 §3) with one host_name entry. */
        TlsHello serverName(String name) { serverName = name; return this; }
        TlsHello recordVersion(int value) { recordVersion = value; return this; }

        public byte[] toBytes() {
            Writer extensions = new Writer();
            // ec_point_formats and supported_groups before the SNI, so the walk has to step over them.
            extensions.u16(11).u16(2).u8(1).u8(0);
            extensions.u16(10).u16(6).u16(4).u16(0x001d).u16(0x0017);
            if (serverName != null) {
                byte[] name = ascii(serverName);
                extensions.u16(0).u16(name.length + 5).u16(name.length + 3).u8(0).u16(name.length).bytes(name);
            }
            extensions.u16(13).u16(4).u16(2).u16(0x0403);               // signature_algorithms
            byte[] ext = extensions.toBytes();
            Writer body = new Writer().u16(0x0303);
            for (int i = 0; i < 32; i++) {
                body.u8(0xa0 + i);                                        // random
            }
            body.u8(32);
            for (int i = 0; i < 32; i++) {
                body.u8(0x50 + i);                                        // session id
            }
            body.u16(6).u16(0x1301).u16(0xc02f).u16(0x009c);             // cipher suites
            body.u8(1).u8(0);                                             // compression: null
            body.u16(ext.length).bytes(ext);
            byte[] hello = body.toBytes();
            byte[] handshake = new Writer().u8(1).u24(hello.length).bytes(hello).toBytes();
            return new Writer().u8(22).u16(recordVersion).u16(handshake.length).bytes(handshake).toBytes();
        }
    }
}
