package dev.tapdeck.decode;


/**
 * What the decoder found in one packet: the protocol chain ({@code frame.protocols}), a
 * flyweight per protocol positioned on its header, and the malformed/short marks. One
 * instance is reused for every packet a {@link PacketDecoder} decodes.
 *
 * <p>Each flyweight holds the first (outermost) occurrence of its protocol; headers quoted
 * inside an ICMP error appear in the chain but fill no flyweight.
 */
public final class Dissection {
    static final int MAX_LAYERS = 48;

    private final byte[] chain = new byte[MAX_LAYERS];
    /** Where each chain entry's header starts in {@link #bytes()}, for a detail view's byte ranges. */
    private final long[] layerOffsets = new long[MAX_LAYERS];
    private int chainLength;
    /** Chain index where an ICMP error's quoted datagram begins, or the chain length when there is none. */
    private int quoteStart = MAX_LAYERS;

    byte[] bytes = Bytes.EMPTY;
    long start;
    int capturedLength;
    int frameLength;
    int linkType;
    boolean malformed;
    boolean truncated;
    int ipVersion;

    public final EthernetHeader ethernet = new EthernetHeader();
    public final VlanTags vlans = new VlanTags();
    public final ArpHeader arp = new ArpHeader();
    public final Ipv4Header ipv4 = new Ipv4Header();
    public final Ipv6Header ipv6 = new Ipv6Header();
    public final TcpHeader tcp = new TcpHeader();
    public final UdpHeader udp = new UdpHeader();
    public final IcmpHeader icmp = new IcmpHeader();
    public final IcmpHeader icmpv6 = new IcmpHeader();
    public final DnsMessage dns = new DnsMessage();
    public final TlsClientHello tls = new TlsClientHello();
    public final HttpStartLine http = new HttpStartLine();

    void reset(byte[] bytes, long start, int capturedLength, int frameLength, int linkType) {
        this.bytes = bytes;
        this.start = start;
        this.capturedLength = capturedLength;
        this.frameLength = frameLength;
        this.linkType = linkType;
        chainLength = 0;
        quoteStart = MAX_LAYERS;
        malformed = false;
        truncated = false;
        ipVersion = 0;
        ethernet.clear();
        vlans.clear();
        arp.clear();
        ipv4.clear();
        ipv6.clear();
        tcp.clear();
        udp.clear();
        icmp.clear();
        icmpv6.clear();
        dns.clear();
        tls.clear();
        http.clear();
    }

    void add(Protocol protocol, long offset) {
        if (chainLength < MAX_LAYERS) {
            layerOffsets[chainLength] = offset;
            chain[chainLength++] = (byte) protocol.ordinal();
        }
    }

    void markQuoteStart() {
        quoteStart = Math.min(quoteStart, chainLength);
    }

    /** Number of entries in the protocol chain. */
    public int layerCount() { return chainLength; }

    public Protocol layer(int index) { return Protocol.ofOrdinal(chain[index]); }

    /** Offset of chain entry {@code index}'s first byte from the packet's first byte. */
    public int layerOffset(int index) { return (int) (layerOffsets[index] - start); }

    /** Chain index where an ICMP error's quoted datagram begins, or {@link #layerCount()} when there is none. */
    public int quoteStart() { return Math.min(quoteStart, chainLength); }


    /**
     * The innermost protocol of the packet itself, not {@code data} and not inside an ICMP
     * error's quote: what a packet list calls the protocol.
     */
    public Protocol topProtocol() {
        for (int i = Math.min(chainLength, quoteStart) - 1; i >= 0; i--) {
            Protocol p = Protocol.ofOrdinal(chain[i]);
            if (p != Protocol.DATA && p != Protocol.ETHERTYPE) {
                return p;
            }
        }
        return Protocol.DATA;
    }

    /** Appends {@code frame.protocols}: the chain joined by colons. */
    public void appendProtocols(StringBuilder out) {
        for (int i = 0; i < chainLength; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Protocol.ofOrdinal(chain[i]).filterName());
        }
    }

    /**
     * Appends the chain as {@link #appendProtocols} does, up to and including the first
     * {@code last} (the whole chain when it has none).
     */
    public void appendProtocolsThrough(Protocol last, StringBuilder out) {
        for (int i = 0; i < chainLength; i++) {
            if (i > 0) {
                out.append(':');
            }
            Protocol p = Protocol.ofOrdinal(chain[i]);
            out.append(p.filterName());
            if (p == last) {
                return;
            }
        }
    }

    public byte[] bytes() { return bytes; }
    /** Offset of the packet's first byte in {@link #bytes()}. */
    public long start() { return start; }
    public int capturedLength() { return capturedLength; }
    public int frameLength() { return frameLength; }
    public int linkType() { return linkType; }
    /** Wireshark's {@code frame.encap_type} for the link type, or -1 when unknown. */
    public int encapsulation() { return LinkTypes.wiretapEncapsulation(linkType); }
    /** {@code _ws.malformed}: a header claims more bytes than the packet has. */
    public boolean malformed() { return malformed; }
    /** {@code _ws.short}: the capture's snap length cut the packet before decoding was done. */
    public boolean truncated() { return truncated; }
    /** Version of the outermost IP header (4 or 6), 0 when there is none: Wireshark's {@code ip.version}. */
    public int ipVersion() { return ipVersion; }
}
