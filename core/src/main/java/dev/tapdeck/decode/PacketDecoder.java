package dev.tapdeck.decode;

import dev.tapdeck.file.PacketRecord;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;


/**
 * Decodes packets layer by layer into one reused {@link Dissection}, the way Wireshark's
 * dissectors hand a packet on: the link type selects the first dissector, then an EtherType,
 * an IP protocol number or a port selects the next.
 *
 * <p>Every read is checked against two limits, as Wireshark's tvbuffs do: the bytes the
 * capture holds and the length the headers report. Needing a byte beyond the captured end
 * but inside the reported length marks the packet short (cut by the snap length); beyond the
 * reported length marks it malformed. Either way decoding stops there; nothing throws.
 *
 * <p>Not thread-safe; allocates nothing per packet.
 */
public final class PacketDecoder {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_8021AD = 0x88a8;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_MPLS = 0x8847;
    private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;

    private static final int IP_PROTO_HOPOPTS = 0;
    private static final int IP_PROTO_ICMP = 1;
    private static final int IP_PROTO_IPV4 = 4;
    private static final int IP_PROTO_TCP = 6;
    private static final int IP_PROTO_UDP = 17;
    private static final int IP_PROTO_IPV6 = 41;
    private static final int IP_PROTO_ROUTING = 43;
    private static final int IP_PROTO_FRAGMENT = 44;
    private static final int IP_PROTO_AH = 51;
    private static final int IP_PROTO_ICMPV6 = 58;
    private static final int IP_PROTO_NONE = 59;
    private static final int IP_PROTO_DSTOPTS = 60;

    private final Dissection d = new Dissection();
    /** True when the decoding stops at the TCP and UDP headers, after tunnels: see {@link #throughTransport()}. */
    private final boolean transportOnly;
    /** The packet being decoded, copied; grows to the largest packet seen. */
    private byte[] bytes = new byte[2048];
    /** Absolute end of the captured bytes. */
    private long capturedEnd;
    /** True while decoding the packet an ICMP error quotes: chain entries only, no fields. */
    private boolean quoted;
    /**
     * True inside an IP fragment, or a DNS message that continues in later TCP segments: its
     * layers stop at the fragment's (segment's) end, which Wireshark does not count as
     * malformed (a FragmentBoundsError).
     */
    private boolean fragment;

    public PacketDecoder() {
        this(false);
    }

    private PacketDecoder(boolean transportOnly) {
        this.transportOnly = transportOnly;
    }

    /**
     * A decoder that stops at the TCP and UDP headers (going through tunnels such as L2TP, and
     * into the datagrams ICMP errors quote): all the stream tracker reads, without the parsing
     * of DNS, TLS and HTTP, for a thread that tracks the packets other threads decode in full.
     */
    public static PacketDecoder throughTransport() {
        return new PacketDecoder(true);
    }

    public Dissection decode(PacketRecord packet) {
        return decode(packet.buffer(), packet.offset(), packet.capturedLength(), packet.originalLength(), packet.linkType());
    }

    /**
     * Decodes {@code capturedLength} bytes at {@code offset} of {@code packet}. The bytes are
     * copied once into the decoder's own array, which the flyweights then read: wherever the
     * packet lives (a file window, a capture ring in native memory), every later read is a
     * plain array access.
     */
    public Dissection decode(MemorySegment packet, long offset, int capturedLength, int originalLength, int linkType) {
        if (bytes.length < capturedLength) {
            bytes = new byte[Math.max(capturedLength, 2 * bytes.length)];
        }
        MemorySegment.copy(packet, ValueLayout.JAVA_BYTE, offset, bytes, 0, capturedLength);
        return decodeCopied(capturedLength, originalLength, linkType);
    }

    /**
     * Decodes one application message that a stream decoder put together from several TCP
     * segments: {@code length} bytes of {@code message}, read as {@code protocol} (HTTP, TLS,
     * or DNS with its two-byte TCP length) alone, with no link, network or transport layer,
     * as Wireshark decodes a reassembled PDU. The bytes are copied as {@link #decode} copies.
     */
    public Dissection decodeMessage(Protocol protocol, byte[] message, int length) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        System.arraycopy(message, 0, bytes, 0, length);
        this.capturedEnd = length;
        this.quoted = false;
        this.fragment = false;
        d.reset(bytes, 0, length, length, -1);
        switch (protocol) {
            case DNS -> tcpPayload(53, 53, 0, length);
            case TLS -> {
                d.add(Protocol.TLS, 0);
                tls(0, length);
            }
            case HTTP -> http(0, length, true);
            default -> data(0, length);
        }
        return d;
    }

    private Dissection decodeCopied(int capturedLength, int originalLength, int linkType) {
        long offset = 0;
        this.capturedEnd = capturedLength;
        this.quoted = false;
        this.fragment = false;
        d.reset(bytes, offset, capturedLength, originalLength, linkType);
        long end = offset + Math.max(originalLength, capturedLength);
        switch (linkType) {
            case LinkTypes.ETHERNET -> ethernet(offset, end);
            case LinkTypes.LINUX_SLL -> linuxCooked(offset, end, 16, 14);
            case LinkTypes.LINUX_SLL2 -> linuxCooked(offset, end, 20, 0);
            case LinkTypes.NULL -> bsdLoopback(offset, end, false);
            case LinkTypes.LOOP -> bsdLoopback(offset, end, true);
            case LinkTypes.RAW, LinkTypes.RAW_OPENBSD, LinkTypes.RAW_BSDOS -> {
                d.add(Protocol.RAW, offset);
                rawIp(offset, end);
            }
            case LinkTypes.IPV4 -> ipv4(offset, end);
            case LinkTypes.IPV6 -> ipv6(offset, end);
            default -> data(offset, end);
        }
        return d;
    }

    /**
     * True when bytes up to {@code to} can be read in a layer that ends at {@code end};
     * otherwise marks the packet short or malformed.
     */
    private boolean fits(long to, long end) {
        if (to <= end && to <= capturedEnd) {
            return true;
        }
        if (to <= end) {
            // Cut by the snap length, inside an ICMP error's quote as anywhere else.
            d.truncated = true;
        } else if (!fragment && !quoted) {
            // An ICMP error quotes only the start of a datagram (RFC 792): running out is expected there.
            d.malformed = true;
        }
        return false;
    }

    private boolean recording() {
        return !quoted;
    }

    // ---- link layer

    private void ethernet(long at, long end) {
        d.add(Protocol.ETH, at);
        if (!fits(at + EthernetHeader.LENGTH, end)) {
            return;
        }
        if (recording() && !d.ethernet.present) {
            d.ethernet.wrap(bytes, at, capturedEnd);
        }
        int type = Bytes.u16(bytes, at + 12);
        if (type <= 1500) {
            // IEEE 802.3: the field is a length and an 802.2 LLC header follows.
            d.add(Protocol.LLC, at + EthernetHeader.LENGTH);
            return;
        }
        d.add(Protocol.ETHERTYPE, at + EthernetHeader.LENGTH);
        etherType(type, at + EthernetHeader.LENGTH, end);
    }

    private void etherType(int type, long at, long end) {
        switch (type) {
            case ETHERTYPE_IPV4 -> ipv4(at, end);
            case ETHERTYPE_IPV6 -> ipv6(at, end);
            case ETHERTYPE_ARP -> arp(at, end);
            case ETHERTYPE_VLAN, ETHERTYPE_QINQ_OLD -> vlan(at, end, false);
            case ETHERTYPE_8021AD -> vlan(at, end, true);
            case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> mpls(at, end);
            case ETHERTYPE_PPPOE_SESSION -> pppoeSession(at, end);
            default -> data(at, end);
        }
    }

    /** IEEE 802.1Q customer tag or 802.1ad service tag: TCI then the inner EtherType. */
    private void vlan(long at, long end, boolean serviceTag) {
        d.add(serviceTag ? Protocol.IEEE8021AD : Protocol.VLAN, at);
        if (!fits(at + 4, end)) {
            return;
        }
        int id = Bytes.u16(bytes, at) & 0x0fff;
        if (recording()) {
            if (serviceTag) {
                d.vlans.addService(id);
            } else {
                d.vlans.addVlan(id);
            }
        }
        int type = Bytes.u16(bytes, at + 2);
        if (type <= 1500) {
            d.add(Protocol.LLC, at + 4);
            return;
        }
        d.add(Protocol.ETHERTYPE, at + 4);
        etherType(type, at + 4, end);
    }

    /**
     * Linux cooked capture: SLL v1 (16 bytes, protocol at offset 14) or SLL2 (20 bytes,
     * protocol at offset 0). The protocol is an EtherType for the packets we decode.
     */
    private void linuxCooked(long at, long end, int headerLength, int protocolAt) {
        d.add(Protocol.SLL, at);
        if (!fits(at + headerLength, end)) {
            return;
        }
        int protocol = Bytes.u16(bytes, at + protocolAt);
        if (protocol <= 1500) {
            // Linux "protocol" values below 1536 name link encapsulations (802.2, 802.3 raw...).
            data(at + headerLength, end);
            return;
        }
        d.add(Protocol.ETHERTYPE, at + headerLength);
        etherType(protocol, at + headerLength, end);
    }

    /**
     * BSD loopback: a 4-byte address family, in the capturing host's byte order for
     * LINKTYPE_NULL and in network order for LINKTYPE_LOOP. IPv6 has a different AF_INET6
     * on each BSD (24, 28, 30) and 10 on Linux.
     */
    private void bsdLoopback(long at, long end, boolean networkOrder) {
        d.add(Protocol.NULL, at);
        if (!fits(at + 4, end)) {
            return;
        }
        int family = networkOrder ? Bytes.i32(bytes, at) : Bytes.i32LittleEndian(bytes, at);
        if (!networkOrder && (family & 0xffff_0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        switch (family) {
            case 2 -> ipv4(at + 4, end);
            case 10, 23, 24, 28, 30 -> ipv6(at + 4, end);
            default -> {
                // Some captures carry an address/control pair and an EtherType instead (Cisco HDLC).
                int etherType = Bytes.u16(bytes, at + 2);
                if (etherType == ETHERTYPE_IPV4) {
                    ipv4(at + 4, end);
                } else if (etherType == ETHERTYPE_IPV6) {
                    ipv6(at + 4, end);
                } else {
                    data(at + 4, end);
                }
            }
        }
    }

    private void rawIp(long at, long end) {
        if (!fits(at + 1, end)) {
            return;
        }
        switch (Bytes.u8(bytes, at) >>> 4) {
            case 4 -> ipv4(at, end);
            case 6 -> ipv6(at, end);
            default -> data(at, end);
        }
    }

    /** MPLS label stack (RFC 3032): 4-byte entries up to the bottom-of-stack bit, then IP by its version nibble. */
    private void mpls(long at, long end) {
        d.add(Protocol.MPLS, at);
        long entry = at;
        while (true) {
            if (!fits(entry + 4, end)) {
                return;
            }
            boolean bottom = (Bytes.u8(bytes, entry + 2) & 0x01) != 0;
            entry += 4;
            if (bottom) {
                break;
            }
        }
        if (!fits(entry + 1, end)) {
            return;
        }
        switch (Bytes.u8(bytes, entry) >>> 4) {
            case 4 -> ipv4(entry, end);
            case 6 -> ipv6(entry, end);
            case 0 -> {
                // Ethernet pseudowire (RFC 4448) behind a 4-byte control word, as Wireshark's heuristic guesses.
                d.add(Protocol.PWETHHEURISTIC, entry);
                d.add(Protocol.PWETHCW, entry);
                if (fits(entry + 4, end)) {
                    ethernet(entry + 4, end);
                }
            }
            default -> data(entry, end);
        }
    }

    /** PPPoE session stage (RFC 2516 §4) carrying a PPP frame (RFC 1661 §2). */
    private void pppoeSession(long at, long end) {
        d.add(Protocol.PPPOES, at);
        if (!fits(at + 6, end)) {
            return;
        }
        long pppEnd = Math.min(end, at + 6 + Bytes.u16(bytes, at + 4));
        d.add(Protocol.PPP, at + 6);
        if (!fits(at + 8, pppEnd)) {
            return;
        }
        switch (Bytes.u16(bytes, at + 6)) {
            case PPP_IPV4 -> ipv4(at + 8, pppEnd);
            case PPP_IPV6 -> ipv6(at + 8, pppEnd);
            default -> data(at + 8, pppEnd);
        }
    }

    // ---- network layer

    /** ARP (RFC 826): fixed part, then the four addresses whose sizes it gives. */
    private void arp(long at, long end) {
        d.add(Protocol.ARP, at);
        if (!fits(at + ArpHeader.FIXED_LENGTH, end)) {
            return;
        }
        int addresses = 2 * (Bytes.u8(bytes, at + 4) + Bytes.u8(bytes, at + 5));
        if (recording() && !d.arp.present) {
            d.arp.wrap(bytes, at, capturedEnd);
        }
        fits(at + ArpHeader.FIXED_LENGTH + addresses, end);
    }

    /** IPv4 (RFC 791 §3.1). Fields are reported as far as the header is sane, as Wireshark does. */
    private void ipv4(long at, long end) {
        d.add(Protocol.IP, at);
        if (!fits(at + 1, end)) {
            return;
        }
        Ipv4Header ip = d.ipv4;
        boolean record = recording() && !ip.present;
        int first = Bytes.u8(bytes, at);
        if (record) {
            ip.wrap(bytes, at, capturedEnd);
            ip.stage = Ipv4Header.Stage.VERSION;
            if (d.ipVersion == 0) {
                d.ipVersion = first >>> 4;
            }
        }
        int headerLength = (first & 0x0f) * 4;
        if (first >>> 4 != 4) {
            return;
        }
        if (record) {
            ip.stage = Ipv4Header.Stage.HEADER_LENGTH;
        }
        if (headerLength < Ipv4Header.MIN_LENGTH || !fits(at + 4, end)) {
            return;
        }
        int totalLength = Bytes.u16(bytes, at + 2);
        if (totalLength == 0) {
            // TCP segmentation offload leaves the length zero; presume the frame's (Wireshark does).
            totalLength = (int) Math.min(end - at, 0xffff);
        }
        if (record) {
            ip.totalLength = totalLength;
            ip.stage = Ipv4Header.Stage.TOTAL_LENGTH;
        }
        if (totalLength < headerLength || !fits(at + Ipv4Header.MIN_LENGTH, end)) {
            return;
        }
        if (record) {
            ip.stage = Ipv4Header.Stage.COMPLETE;
            long destination = destinationOffset(at, headerLength);
            if (destination >= 0) {
                ip.finalDestinationOffset = destination;
                ip.stage = Ipv4Header.Stage.DESTINATION;
            }
        }
        if (!fits(at + headerLength, end)) {
            return;
        }
        long payloadEnd = Math.min(end, at + totalLength);
        long payload = at + headerLength;
        if ((Bytes.u8(bytes, at + 6) & 0x20) != 0) {
            fragment = true;
        }
        if ((Bytes.u16(bytes, at + 6) & 0x1fff) != 0) {
            // A later fragment: its bytes continue a datagram whose header is elsewhere.
            data(payload, payloadEnd);
            return;
        }
        if (payload < payloadEnd) {
            // Wireshark hands on no empty payload: a datagram that is all header ends here.
            ipPayload(Bytes.u8(bytes, at + 9), payload, payloadEnd, false);
        }
    }

    /**
     * Where the datagram's real destination is, as Wireshark finds it for {@code ip.dst}: the
     * last address of a loose or strict source route (RFC 791 §3.1, types 131 and 137) while
     * the route's pointer is on one of its addresses, else the header's destination field.
     * Wireshark stops looking at the end of the option list, at a bogus length or at the first
     * source route. Returns -1 when the look needs bytes the capture does not hold.
     */
    private long destinationOffset(long header, int headerLength) {
        long at = header + Ipv4Header.MIN_LENGTH;
        long end = header + headerLength;
        long headerDestination = header + 16;
        while (at < end) {
            if (at >= capturedEnd) {
                return -1;
            }
            int type = Bytes.u8(bytes, at);
            if (type == 0) {
                return headerDestination;
            }
            if (type == 1) {
                at++;
                continue;
            }
            if (at + 1 >= end) {
                return headerDestination;
            }
            if (at + 1 >= capturedEnd) {
                return -1;
            }
            int length = Bytes.u8(bytes, at + 1);
            if (length < 2 || at + length > end) {
                return headerDestination;
            }
            if (type == 131 || type == 137) {
                if (at + 2 >= capturedEnd) {
                    return -1;
                }
                int pointer = Bytes.u8(bytes, at + 2);
                if (pointer < 4 || (pointer & 3) != 0 || pointer > length) {
                    // Past the last address the route is done and the header holds the destination.
                    return headerDestination;
                }
                long last = at + length - 4;
                return last + 4 <= capturedEnd ? last : -1;
            }
            at += length;
        }
        return headerDestination;
    }

    /** IPv6 (RFC 8200) with its chain of extension headers. */
    private void ipv6(long at, long end) {
        d.add(Protocol.IPV6, at);
        if (!fits(at + Ipv6Header.LENGTH, end)) {
            return;
        }
        Ipv6Header ip = d.ipv6;
        boolean record = recording() && !ip.present;
        if (record) {
            ip.wrap(bytes, at, capturedEnd);
            if (d.ipVersion == 0) {
                d.ipVersion = 6;
            }
        }
        int payloadLength = Bytes.u16(bytes, at + 4);
        // A zero payload length announces a jumbogram (RFC 2675): the frame gives the length.
        long payloadEnd = payloadLength == 0 ? end : Math.min(end, at + Ipv6Header.LENGTH + payloadLength);
        int next = Bytes.u8(bytes, at + 6);
        long header = at + Ipv6Header.LENGTH;
        while (true) {
            switch (next) {
                case IP_PROTO_HOPOPTS, IP_PROTO_ROUTING, IP_PROTO_DSTOPTS -> {
                    d.add(next == IP_PROTO_HOPOPTS ? Protocol.IPV6_HOPOPTS
                            : next == IP_PROTO_ROUTING ? Protocol.IPV6_ROUTING : Protocol.IPV6_DSTOPTS, header);
                    if (!fits(header + 2, payloadEnd)) {
                        return;
                    }
                    int length = (Bytes.u8(bytes, header + 1) + 1) * 8;
                    if (!fits(header + length, payloadEnd)) {
                        return;
                    }
                    next = Bytes.u8(bytes, header);
                    header += length;
                }
                case IP_PROTO_FRAGMENT -> {
                    d.add(Protocol.IPV6_FRAGHDR, header);
                    if (!fits(header + 8, payloadEnd)) {
                        return;
                    }
                    if (record && ip.fragmentHeaderOffset < 0) {
                        ip.fragmentHeaderOffset = header;
                    }
                    next = Bytes.u8(bytes, header);
                    boolean laterFragment = (Bytes.u16(bytes, header + 2) >>> 3) != 0;
                    if ((Bytes.u8(bytes, header + 3) & 1) != 0) {
                        fragment = true;
                    }
                    header += 8;
                    if (laterFragment) {
                        data(header, payloadEnd);
                        return;
                    }
                }
                case IP_PROTO_AH -> {
                    // RFC 4302 §2.2: the length counts 4-byte words, minus 2.
                    d.add(Protocol.AH, header);
                    if (!fits(header + 2, payloadEnd)) {
                        return;
                    }
                    int length = (Bytes.u8(bytes, header + 1) + 2) * 4;
                    if (!fits(header + length, payloadEnd)) {
                        return;
                    }
                    next = Bytes.u8(bytes, header);
                    header += length;
                }
                case IP_PROTO_NONE -> {
                    return;
                }
                default -> {
                    ipPayload(next, header, payloadEnd, true);
                    return;
                }
            }
        }
    }

    private void ipPayload(int protocol, long at, long end, boolean overIpv6) {
        switch (protocol) {
            case IP_PROTO_TCP -> tcp(at, end);
            case IP_PROTO_UDP -> udp(at, end, overIpv6);
            case IP_PROTO_ICMP -> icmp(at, end);
            case IP_PROTO_ICMPV6 -> icmpv6(at, end);
            case IP_PROTO_IPV4 -> ipv4(at, end);
            case IP_PROTO_IPV6 -> ipv6(at, end);
            default -> data(at, end);
        }
    }

    // ---- transport layer

    /** TCP (RFC 9293 §3.1). The payload length comes from the IP length, not the capture. */
    private void tcp(long at, long end) {
        d.add(Protocol.TCP, at);
        if (!fits(at + TcpHeader.MIN_LENGTH, end)) {
            return;
        }
        TcpHeader tcp = d.tcp;
        boolean record = recording() && !tcp.present;
        if (record) {
            tcp.wrap(bytes, at, capturedEnd);
            tcp.payloadLength = -1;
        }
        int headerLength = (Bytes.u8(bytes, at + 12) >>> 4) * 4;
        long reported = end - at;
        if (headerLength > reported) {
            // The data offset points past the segment: Wireshark calls the header bogus, except
            // where the segment is known to be incomplete (an ICMP quote, an IP fragment).
            if (!quoted && !fragment) {
                d.malformed = true;
            }
            return;
        }
        if (record && !fragment) {
            // The segment's length is unknown until the datagram is reassembled.
            tcp.payloadLength = (int) (reported - headerLength);
        }
        if (headerLength < TcpHeader.MIN_LENGTH) {
            // Too short to hold the fixed header: Wireshark stops after the ports and sequence number.
            return;
        }
        if (!fits(at + headerLength, end)) {
            return;
        }
        long payload = at + headerLength;
        // Wireshark hands on no payload of which the capture holds no byte (a snap length at the header's end).
        if (payload < end && payload < capturedEnd && !transportOnly) {
            tcpPayload(Bytes.u16(bytes, at), Bytes.u16(bytes, at + 2), payload, end);
        }
    }

    /** UDP (RFC 768); the length field bounds the payload. */
    private void udp(long at, long end, boolean overIpv6) {
        d.add(Protocol.UDP, at);
        if (!fits(at + UdpHeader.LENGTH, end)) {
            return;
        }
        if (recording() && !d.udp.present) {
            d.udp.wrap(bytes, at, capturedEnd);
        }
        int length = Bytes.u16(bytes, at + 4);
        long reported = end - at;
        if (length == 0 && overIpv6) {
            // A jumbogram (RFC 2675 §4): the IPv6 payload gives the length.
            length = (int) Math.min(reported, Integer.MAX_VALUE);
        }
        if (length < UdpHeader.LENGTH) {
            // The length counts the header: Wireshark calls a smaller one malformed and stops.
            d.malformed = true;
            return;
        }
        if (length > reported && !fragment && !quoted) {
            // Past the end of the IP payload: malformed to Wireshark, which still decodes what is there.
            d.malformed = true;
        }
        long payloadEnd = Math.min(end, at + length);
        long payload = at + UdpHeader.LENGTH;
        if (payload >= payloadEnd) {
            return;
        }
        if (!fits(payload + 1, payloadEnd)) {
            // The capture holds none of the payload: Wireshark names no protocol for it, but calls it short.
            return;
        }
        int source = Bytes.u16(bytes, at);
        int destination = Bytes.u16(bytes, at + 2);
        // Like Wireshark, the lower port is tried first.
        Protocol application = udpPortProtocol(Math.min(source, destination));
        if (application == null) {
            application = udpPortProtocol(Math.max(source, destination));
        }
        if (application == Protocol.L2TP) {
            l2tp(payload, payloadEnd);
        } else if (transportOnly) {
            return;
        } else if (application == null) {
            data(payload, payloadEnd);
        } else if (application == Protocol.SSDP) {
            d.add(Protocol.SSDP, payload);
            parseStartLine(payload, Math.min(payloadEnd, capturedEnd));
        } else {
            d.add(application, payload);
            dns(payload, payloadEnd);
        }
    }

    private static Protocol udpPortProtocol(int port) {
        return switch (port) {
            case 53 -> Protocol.DNS;
            case 5353 -> Protocol.MDNS;
            case 5355 -> Protocol.LLMNR;
            case 1900 -> Protocol.SSDP;
            case 1701 -> Protocol.L2TP;
            default -> null;
        };
    }

    /**
     * L2TPv2 (RFC 2661 §3.1): flag bits say which optional fields follow; data messages
     * carry a PPP frame, possibly with its address/control bytes.
     */
    private void l2tp(long at, long end) {
        d.add(Protocol.L2TP, at);
        if (!fits(at + 2, end)) {
            return;
        }
        int flags = Bytes.u16(bytes, at);
        if ((flags & 0x000f) != 2 || (flags & 0x8000) != 0) {
            return; // another version, or a control message
        }
        long p = at + 2;
        if ((flags & 0x4000) != 0) {
            p += 2; // length
        }
        p += 4; // tunnel and session ids
        if ((flags & 0x0800) != 0) {
            p += 4; // Ns, Nr
        }
        if ((flags & 0x0200) != 0) {
            if (!fits(p + 2, end)) {
                return;
            }
            p += 2 + Bytes.u16(bytes, p); // offset size and padding
        }
        if (!fits(p + 2, end)) {
            return;
        }
        d.add(Protocol.PPP, p);
        if (Bytes.u16(bytes, p) == 0xff03) {
            p += 2;
        }
        if (!fits(p + 2, end)) {
            return;
        }
        switch (Bytes.u16(bytes, p)) {
            case PPP_IPV4 -> ipv4(p + 2, end);
            case PPP_IPV6 -> ipv6(p + 2, end);
            default -> data(p + 2, end);
        }
    }

    /** ICMP (RFC 792): echo carries data; errors quote the offending datagram's header. */
    private void icmp(long at, long end) {
        d.add(Protocol.ICMP, at);
        if (!fits(at + 4, end)) {
            return;
        }
        if (recording() && !d.icmp.present) {
            d.icmp.wrap(bytes, at, capturedEnd);
        }
        switch (Bytes.u8(bytes, at)) {
            case 3, 4, 5, 11, 12 -> quote(at + 8, end, false);
            case 0, 8 -> {
                if (fits(at + 8, end)) {
                    data(at + 8, end);
                }
            }
            default -> {
            }
        }
    }

    /** ICMPv6 (RFC 4443): errors and redirects (RFC 4861 §4.5) quote an IPv6 packet. */
    private void icmpv6(long at, long end) {
        d.add(Protocol.ICMPV6, at);
        if (!fits(at + 4, end)) {
            return;
        }
        if (recording() && !d.icmpv6.present) {
            d.icmpv6.wrap(bytes, at, capturedEnd);
        }
        switch (Bytes.u8(bytes, at)) {
            case 1, 2, 3, 4 -> quote(at + 8, end, true);
            case 128, 129 -> {
                if (fits(at + 8, end)) {
                    data(at + 8, end);
                }
            }
            case 137 -> redirectedHeader(at + 40, end);
            default -> {
            }
        }
    }

    /** Finds the Redirected Header option (type 4) among the redirect's options and decodes what it quotes. */
    private void redirectedHeader(long options, long end) {
        long at = options;
        while (at + 2 <= Math.min(end, capturedEnd)) {
            int type = Bytes.u8(bytes, at);
            int length = Bytes.u8(bytes, at + 1) * 8;
            if (length == 0) {
                return;
            }
            if (type == 4) {
                quote(at + 8, Math.min(end, at + length), true);
                return;
            }
            at += length;
        }
    }

    private void quote(long at, long end, boolean ipv6) {
        if (at >= end) {
            return;
        }
        boolean outer = quoted;
        quoted = true;
        d.markQuoteStart();
        if (ipv6) {
            ipv6(at, end);
        } else {
            ipv4(at, end);
        }
        quoted = outer;
    }

    // ---- application layer

    /** Ports Wireshark decodes TCP as TLS on. */
    public static boolean isTlsPort(int port) {
        return switch (port) {
            case 261, 443, 448, 465, 563, 614, 636, 853, 989, 990, 992, 993, 994, 995, 3269, 4433, 5061, 5443, 6697, 8443, 8883, 9443 -> true;
            default -> false;
        };
    }

    /** Ports Wireshark decodes TCP as HTTP on. */
    public static boolean isHttpPort(int port) {
        return switch (port) {
            case 80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710 -> true;
            default -> false;
        };
    }

    private void tcpPayload(int sourcePort, int destinationPort, long at, long end) {
        int low = Math.min(sourcePort, destinationPort);
        int high = Math.max(sourcePort, destinationPort);
        if (low == 53 || high == 53) {
            d.add(Protocol.DNS, at);
            // DNS over TCP prefixes each message with its length (RFC 1035 §4.2.2). Without
            // reassembly, a message or length that continues in later segments is decoded as far
            // as this one goes, and running out at its end is no error (Wireshark: "Unreassembled").
            if (at + 2 > end || !fits(at + 2, end)) {
                return;
            }
            long messageEnd = at + 2 + Bytes.u16(bytes, at);
            boolean outer = fragment;
            fragment |= messageEnd > end;
            dns(at + 2, Math.min(end, messageEnd));
            fragment = outer;
            return;
        }
        Protocol byPort = tcpPortProtocol(low);
        if (byPort == null) {
            byPort = tcpPortProtocol(high);
        }
        if (byPort == Protocol.TLS || (byPort == null && looksLikeTls(at, end))) {
            d.add(Protocol.TLS, at);
            tls(at, end);
        } else if (byPort == Protocol.HTTP || HttpStartLine.startsLikeHttp(bytes, at, Math.min(end, capturedEnd))) {
            http(at, end, byPort == Protocol.HTTP);
        } else {
            data(at, end);
        }
    }

    private static Protocol tcpPortProtocol(int port) {
        if (isTlsPort(port)) {
            return Protocol.TLS;
        }
        return isHttpPort(port) ? Protocol.HTTP : null;
    }

    /** A TLS record header (RFC 8446 §5.1): known content type, major version 3, sane length. */
    private boolean looksLikeTls(long at, long end) {
        if (at + 5 > Math.min(end, capturedEnd)) {
            return false;
        }
        int type = Bytes.u8(bytes, at);
        int version = Bytes.u16(bytes, at + 1);
        int length = Bytes.u16(bytes, at + 3);
        return type >= 20 && type <= 24 && version >= 0x0300 && version <= 0x0304 && length > 0 && length <= 16384 + 2048;
    }

    /** The first TLS record; for a ClientHello, walks to the server_name extension. */
    private void tls(long at, long end) {
        markCutRecords(at, end);
        if (!looksLikeTls(at, end)) {
            return;
        }
        TlsClientHello tls = d.tls;
        boolean record = recording() && !tls.present;
        if (record) {
            tls.wrap(bytes, at, capturedEnd);
        }
        if (Bytes.u8(bytes, at) != TlsClientHello.CONTENT_HANDSHAKE) {
            return;
        }
        long recordEnd = Math.min(end, at + 5 + Bytes.u16(bytes, at + 3));
        long limit = Math.min(recordEnd, capturedEnd);
        long hello = at + 5;
        if (hello + 4 > limit) {
            return;
        }
        int handshakeType = Bytes.u8(bytes, hello);
        if (record) {
            tls.handshakeType = handshakeType;
        }
        if (handshakeType != 1 || !record) {
            return;
        }
        long p = hello + 4 + 2 + 32;                  // type, length, client_version, random
        if (p + 1 > limit) {
            return;
        }
        p += 1 + Bytes.u8(bytes, p);                // session id
        if (p + 2 > limit) {
            return;
        }
        p += 2 + Bytes.u16(bytes, p);               // cipher suites
        if (p + 1 > limit) {
            return;
        }
        p += 1 + Bytes.u8(bytes, p);                // compression methods
        if (p + 2 > limit) {
            return;
        }
        long extensionsEnd = Math.min(limit, p + 2 + Bytes.u16(bytes, p));
        p += 2;
        while (p + 4 <= extensionsEnd) {
            int type = Bytes.u16(bytes, p);
            int length = Bytes.u16(bytes, p + 2);
            if (type == 0 && p + 4 + length <= extensionsEnd && length >= 5) {
                // server_name_list: list length, then entries of type (0 = host_name), length, name.
                long entry = p + 6;
                if (Bytes.u8(bytes, entry) == 0) {
                    int nameLength = Bytes.u16(bytes, entry + 1);
                    if (entry + 3 + nameLength <= p + 4 + length) {
                        tls.serverNameOffset = entry + 3;
                        tls.serverNameLength = nameLength;
                    }
                }
                return;
            }
            p += 4 + length;
        }
    }

    /**
     * Without reassembly Wireshark dissects every TLS record the segment holds whole and leaves
     * one that runs past the segment alone: a whole record (or record header) that the snap
     * length cut makes the packet short.
     */
    private void markCutRecords(long at, long end) {
        long record = at;
        while (record + 5 <= end) {
            if (!fits(record + 5, end)) {
                return;
            }
            int type = Bytes.u8(bytes, record);
            if (type < TlsClientHello.CONTENT_CHANGE_CIPHER_SPEC || type > 24 || Bytes.u8(bytes, record + 1) != 3) {
                return; // not a record: Wireshark stops there too
            }
            long recordEnd = record + 5 + Bytes.u16(bytes, record + 3);
            if (recordEnd > end || !fits(recordEnd, end)) {
                return;
            }
            record = recordEnd;
        }
    }

    /**
     * HTTP/1.x on a TCP bytes, decoded alone as Wireshark does without reassembly: a
     * segment that starts with a start line or a header line is HTTP, and its header lines
     * run to a blank line, after which the rest is body data. Anything else on an HTTP port
     * continues a message body; elsewhere it is plain data.
     */
    private void http(long at, long end, boolean httpPort) {
        long limit = Math.min(end, capturedEnd);
        boolean startLine = parseStartLine(at, limit);
        if (!startLine && !startsHeaderLine(at, limit)) {
            if (httpPort) {
                // Wireshark reads a body continuation looking for line ends: cut short, it says so.
                d.add(Protocol.HTTP, at);
                if (limit < end) {
                    d.truncated = true;
                }
            }
            data(at, end);
            return;
        }
        d.add(Protocol.HTTP, at);
        boolean chunked = false;
        long line = at;
        while (line < end) {
            long eol = lineEnd(line, limit);
            if (eol == limit) {
                // The line runs to the end of the bytes: cut by the snap length, or an incomplete header.
                if (limit < end) {
                    d.truncated = true;
                }
                return;
            }
            long next = eol + 1;
            long contentEnd = eol > line && Bytes.u8(bytes, eol - 1) == '\r' ? eol - 1 : eol;
            if (contentEnd == line) {
                // Blank line: the body follows. Chunks are not handed on without reassembly.
                if (!chunked) {
                    data(next, end);
                }
                return;
            }
            chunked |= isChunkedTransferEncoding(line, contentEnd);
            if (line != at && !hasColon(line, contentEnd)) {
                data(line, end);
                return;
            }
            line = next;
        }
    }

    private boolean parseStartLine(long at, long limit) {
        if (recording() && !d.http.present) {
            return d.http.parse(bytes, at, limit);
        }
        return HttpStartLine.startsLikeHttp(bytes, at, limit);
    }

    /** Printable bytes (or tabs) up to a colon on the first line: Wireshark takes it for a header line. */
    private boolean startsHeaderLine(long at, long limit) {
        // The line feed is a control byte too: the scan stops at the first one, or sooner.
        for (long p = at; p < limit; p++) {
            int c = Bytes.u8(bytes, p);
            if (c == ':') {
                return true;
            }
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                return false;
            }
        }
        return false;
    }

    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "chunked".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** {@code Transfer-Encoding: chunked} (RFC 9112 §7.1), names compared without case. */
    private boolean isChunkedTransferEncoding(long from, long to) {
        if (!startsWithIgnoreCase(from, to, TRANSFER_ENCODING)) {
            return false;
        }
        for (long p = from + TRANSFER_ENCODING.length; p + CHUNKED.length <= to; p++) {
            if (startsWithIgnoreCase(p, to, CHUNKED)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsWithIgnoreCase(long from, long to, byte[] lowerCase) {
        if (from + lowerCase.length > to) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            int c = Bytes.u8(bytes, from + i);
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    /** Offset of the next line feed at or after {@code from}, or {@code limit}. */
    private long lineEnd(long from, long limit) {
        long p = from;
        while (p < limit && Bytes.u8(bytes, p) != '\n') {
            p++;
        }
        return p;
    }

    private boolean hasColon(long from, long to) {
        for (long p = from; p < to; p++) {
            if (Bytes.u8(bytes, p) == ':') {
                return true;
            }
        }
        return false;
    }

    /** DNS message (RFC 1035 §4.1): header, questions, then every resource record, bounds-checked. */
    private void dns(long at, long end) {
        if (!fits(at + DnsMessage.HEADER_LENGTH, end)) {
            return;
        }
        DnsMessage dns = d.dns;
        boolean record = recording() && !dns.present;
        if (record) {
            dns.wrap(bytes, at, capturedEnd);
            dns.end = Math.min(end, capturedEnd);
        }
        int questions = Bytes.u16(bytes, at + 4);
        int records = Bytes.u16(bytes, at + 6) + Bytes.u16(bytes, at + 8) + Bytes.u16(bytes, at + 10);
        long p = at + DnsMessage.HEADER_LENGTH;
        for (int q = 0; q < questions; q++) {
            long nameEnd = readName(p, at, end);
            // Wireshark shows a question once its type and class are read too.
            if (nameEnd < 0 || !fits(nameEnd + 4, end)) {
                return;
            }
            if (record && dns.questionsDecoded < DnsMessage.MAX_QUESTIONS) {
                dns.questionOffsets[dns.questionsDecoded] = p;
                dns.questionTypes[dns.questionsDecoded] = Bytes.u16(bytes, nameEnd);
                dns.questionsDecoded++;
            }
            p = nameEnd + 4;
        }
        for (int r = 0; r < records; r++) {
            long nameEnd = readName(p, at, end);
            if (nameEnd < 0 || !fits(nameEnd + 10, end)) {
                return;
            }
            p = nameEnd + 10 + Bytes.u16(bytes, nameEnd + 8);
            if (!fits(p, end)) {
                return;
            }
        }
    }

    /**
     * Reads the name at {@code at} as Wireshark does, following its compression pointers
     * (RFC 1035 §4.1.4, offsets from {@code message}) to its end. Returns the offset after the
     * name's own bytes (a pointer ends them), or -1 after marking the packet when a label or a
     * pointer's target lies past the data, or a label has a reserved type (0x40, 0x80). A
     * pointer loop is no error: the walk stops after {@link DnsMessage#MAX_POINTER_HOPS}
     * pointers, and the name shows as a loop.
     */
    private long readName(long at, long message, long end) {
        long p = at;
        long after = -1;
        int hops = 0;
        while (true) {
            if (!fits(p + 1, end)) {
                return -1;
            }
            int length = Bytes.u8(bytes, p);
            if (length == 0) {
                return after < 0 ? p + 1 : after;
            }
            switch (length & 0xc0) {
                case 0x00 -> p += 1 + length;
                case 0xc0 -> {
                    if (!fits(p + 2, end)) {
                        return -1;
                    }
                    if (after < 0) {
                        after = p + 2;
                    }
                    if (++hops > DnsMessage.MAX_POINTER_HOPS) {
                        return after;
                    }
                    p = message + (((length & 0x3f) << 8) | Bytes.u8(bytes, p + 1));
                }
                default -> {
                    if (!quoted) {
                        d.malformed = true;
                    }
                    return -1;
                }
            }
        }
    }

    private void data(long at, long end) {
        if (at < end) {
            d.add(Protocol.DATA, at);
        }
    }
}
