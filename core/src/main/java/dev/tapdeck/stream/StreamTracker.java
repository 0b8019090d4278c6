package dev.tapdeck.stream;

import dev.tapdeck.collect.KeyIndex;
import dev.tapdeck.decode.Bytes;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Protocol;

import java.util.Arrays;

/**
 * Follows a capture's TCP and UDP conversations in packet order, numbers them as Wireshark
 * 4.0 does, and delivers their bytes in order to {@link StreamListener}s.
 *
 * <p>Numbering ({@code tcp.stream}, {@code udp.stream}): conversations count from 0 in the
 * order of their first packet, keyed by the addresses of the IP header that carries the
 * transport header and the ports, either way round. Like Wireshark's, a TCP or UDP header
 * quoted in an ICMP error looks up (or opens) the conversation of the quoted datagram, and a
 * header inside a tunnel that of the inner addresses. A TCP header needs 16 bytes (ports to
 * window), as Wireshark reads them before it looks the conversation up; a UDP header its 8
 * bytes and a length of at least 8. A SYN (without ACK) whose sequence number differs from
 * the base sequence number Wireshark's sequence analysis keeps for that direction (the SYN's,
 * or one before the first segment's) opens a new conversation on the same ports: the port
 * reuse rule of tshark's default preferences. (With {@code tcp.analyze_sequence_numbers} off
 * tshark keeps no base and never applies it; no capture of the corpus tells the two apart.)
 *
 * <p>Delivery: TCP by {@link TcpReassembler}'s policy, each UDP datagram's captured payload as
 * one piece of data of its direction. Segments and datagrams inside ICMP errors and IP
 * fragments are numbered but deliver nothing.
 *
 * <p>One instance per capture, fed every packet once, in order, on one thread; then
 * {@link #finish}. Tracking a packet, and delivering an in-order segment, allocates nothing
 * once the tables have grown to the capture's number of conversations; at most
 * {@link StreamSettings#maxConversations()} are remembered per protocol, after which packets
 * of new conversations are counted as untracked and get no stream index.
 */
public final class StreamTracker {
    private static final int TCP_HEADER_READ = 16;
    private static final int UDP_HEADER = 8;

    private final Endpoints ends = new Endpoints();
    private final Conversations tcp;
    private final Conversations udp;
    /** Every listener: each stream's beginning, UDP payloads, ends. */
    private final StreamListeners listeners = new StreamListeners();
    /** The listeners of TCP bytes in the follow order, and in the dissection order ({@link #dissect}). */
    private final StreamListeners followers = new StreamListeners();
    private final StreamListeners dissectors = new StreamListeners();
    private final TcpReassembler reassembler;
    private long untracked;
    /** Wireshark's TCP sequence analysis and timestamps, per conversation entry. */
    private final TcpAnalysis analysis;
    private long lastFrame;

    public StreamTracker() {
        this(StreamSettings.DEFAULTS);
    }

    public StreamTracker(StreamSettings settings) {
        this(settings, new TcpAnalysis());
    }

    public StreamTracker(StreamSettings settings, TcpAnalysis analysis) {
        this.analysis = analysis;
        tcp = new Conversations(settings.maxConversations());
        udp = new Conversations(settings.maxConversations());
        reassembler = new TcpReassembler(settings, followers, dissectors, listeners);
        reassembler.ensureCapacity(tcp.index.entryCapacity());
    }

    /**
     * Delivers every stream's bytes to {@code listener} too, after the listeners added before:
     * TCP in the order tshark's Follow TCP Stream gives them ({@link TcpReassembler}), which
     * waits for a hole to fill or be acknowledged.
     */
    public StreamTracker listen(StreamListener listener) {
        listeners.add(listener);
        followers.add(listener);
        return this;
    }

    /**
     * Delivers every stream's bytes to {@code listener} too, TCP in the order tshark's TCP
     * dissector hands them to the protocol above, what its messages are decoded from: each
     * segment as it comes, a hole before it reported at once as a gap, bytes already delivered
     * not again ({@link TcpReassembler}).
     */
    public StreamTracker dissect(StreamListener listener) {
        listeners.add(listener);
        dissectors.add(listener);
        return this;
    }

    /**
     * Tracks packet {@code d}, number {@code frame} of the capture, captured at
     * {@code timeNanos}, delivers what it completes and writes what it is part of into
     * {@code out}.
     */
    public void offer(Dissection d, long frame, long timeNanos, StreamFacts out) {
        out.clear();
        lastFrame = frame;
        int n = d.layerCount();
        if (d.tcp.present() && !d.udp.present() && d.quoteStart() == n) {
            // The common case, a TCP header and nothing quoted: it is near the chain's end.
            int i = n - 1;
            while (d.layer(i) != Protocol.TCP) {
                i--;
            }
            if (d.layerOffset(i) == d.tcp.offset()) { // else TCP inside TCP: the loop below takes the first
                tcp(d, i, frame, timeNanos, out);
                return;
            }
        }
        boolean tcpSeen = false;
        boolean udpSeen = false;
        for (int i = 0; i < n; i++) {
            Protocol layer = d.layer(i);
            if (layer == Protocol.TCP && !tcpSeen) {
                tcpSeen = true;
                tcp(d, i, frame, timeNanos, out);
            } else if (layer == Protocol.UDP && !udpSeen) {
                udpSeen = true;
                udp(d, i, frame, timeNanos, out);
            }
        }
    }

    private void tcp(Dissection d, int layer, long frame, long timeNanos, StreamFacts out) {
        int at = d.layerOffset(layer);
        if (at + TCP_HEADER_READ > d.capturedLength() || !ends.read(d, layer)) {
            return;
        }
        byte[] b = d.bytes();
        long header = d.start() + at;
        int seq = (int) Bytes.u32(b, header + 4);
        int ack = (int) Bytes.u32(b, header + 8);
        int flags = Bytes.u16(b, header + 12) & 0x0fff;
        int side = ends.sourceIsLow ? 0 : 1;
        int entry = tcp.find(ends);
        if (entry < 0 || (flags & (TcpReassembler.SYN | TcpReassembler.ACK)) == TcpReassembler.SYN) {
            entry = openTcp(entry, side, seq, frame, timeNanos);
            if (entry < 0) {
                return;
            }
        }
        int stream = tcp.number[entry];
        boolean fromClient = tcp.clientIsLow[entry] == ends.sourceIsLow;
        out.tcpStream = stream;
        out.fromClient = fromClient;
        if (d.tcp.present() && d.tcp.offset() == at) {
            analysis.analyze(entry, fromClient, d, frame, timeNanos, out);
        }
        // Only a segment of known length takes part in reassembly: not one quoted in an ICMP
        // error or carried in an IP fragment (the decoder keeps those out of its flyweight).
        if (!d.tcp.present() || d.tcp.offset() != at || d.tcp.payloadLength() < 0) {
            return;
        }
        int headerLength = d.tcp.headerLength();
        int payload = at + headerLength;
        int seglen = d.tcp.payloadLength();
        int captured = headerLength < 20 ? 0 : Math.max(0, Math.min(seglen, d.capturedLength() - payload));
        reassembler.segment(entry, side, stream, fromClient, flags, seq, ack,
                b, (int) d.start() + payload, headerLength < 20 ? 0 : seglen, captured, frame, timeNanos, out.analysisFlags());
    }

    /**
     * The conversation entry of a segment whose ends {@link #ends} holds, off the path of a
     * segment of a known conversation: a new conversation, or a SYN that may start one on the
     * ports of an old one ({@code entry}); -1 when the table is full.
     */
    private int openTcp(int entry, int side, int seq, long frame, long timeNanos) {
        if (entry >= 0) {
            if (!reassembler.baseDiffers(entry, side, seq)) {
                return entry;
            }
            // A new connection on the ports of an old one (Wireshark's TCP_A_REUSED_PORTS): the old one is over.
            reassembler.finish(entry, tcp.number[entry], tcp.clientIsLow[entry], frame);
            tcp.index.remove(entry);
        }
        int added = tcp.add(ends);
        if (added < 0) {
            untracked++;
            return -1;
        }
        reassembler.ensureCapacity(tcp.index.entryCapacity());
        reassembler.reset(added);
        analysis.open(added, timeNanos);
        ends.begin(listeners, true, tcp.number[added], frame);
        return added;
    }

    private void udp(Dissection d, int layer, long frame, long timeNanos, StreamFacts out) {
        int at = d.layerOffset(layer);
        if (at + UDP_HEADER > d.capturedLength() || !ends.read(d, layer)) {
            return;
        }
        byte[] b = d.bytes();
        long header = d.start() + at;
        int ipEnd = ipPayloadEnd(d, ends.ipLayer);
        int length = Bytes.u16(b, header + 4);
        if (length == 0 && d.layer(ends.ipLayer) == Protocol.IPV6) {
            length = ipEnd - at; // a jumbogram (RFC 2675 §4)
        }
        if (length < UDP_HEADER) {
            return; // Wireshark gives up on a bogus length before it looks the conversation up
        }
        int entry = udp.find(ends);
        if (entry < 0) {
            entry = udp.add(ends);
            if (entry < 0) {
                untracked++;
                return;
            }
            ends.begin(listeners, false, udp.number[entry], frame);
        }
        int stream = udp.number[entry];
        boolean fromClient = udp.clientIsLow[entry] == ends.sourceIsLow;
        out.udpStream = stream;
        out.fromClient = fromClient;
        if (!d.udp.present() || d.udp.offset() != at || fragmented(d, ends.ipLayer, layer) || listeners.isEmpty()) {
            return;
        }
        int payload = at + UDP_HEADER;
        int end = Math.min(Math.min(at + length, ipEnd), d.capturedLength());
        if (end > payload) {
            listeners.data(false, stream, fromClient, frame, timeNanos, b, (int) d.start() + payload, end - payload);
        }
    }

    /** Where the payload of the IP header at chain index {@code ip} ends, by its length field. */
    private static int ipPayloadEnd(Dissection d, int ip) {
        int at = d.layerOffset(ip);
        long header = d.start() + at;
        int frameEnd = Math.max(d.frameLength(), d.capturedLength());
        if (d.layer(ip) == Protocol.IP) {
            int total = Bytes.u16(d.bytes(), header + 2);
            return total == 0 ? frameEnd : Math.min(frameEnd, at + total);
        }
        int payload = Bytes.u16(d.bytes(), header + 4);
        return payload == 0 ? frameEnd : Math.min(frameEnd, at + 40 + payload);
    }

    /** True when the IP header at {@code ip} carries a fragment of the datagram whose transport header is at {@code transport}. */
    private static boolean fragmented(Dissection d, int ip, int transport) {
        if (d.layer(ip) == Protocol.IP) {
            return (d.bytes()[(int) d.start() + d.layerOffset(ip) + 6] & 0x20) != 0;
        }
        for (int i = ip + 1; i < transport; i++) {
            if (d.layer(i) == Protocol.IPV6_FRAGHDR) {
                return true;
            }
        }
        return false;
    }

    /**
     * The capture is over: every TCP direction delivers what it still holds out of order,
     * after gaps for the holes before it, and ends. Call once, after the last packet.
     */
    public void finish() {
        for (int entry = 0, n = tcp.index.highWater(); entry < n; entry++) {
            if (tcp.index.inUse(entry)) {
                reassembler.finish(entry, tcp.number[entry], tcp.clientIsLow[entry], lastFrame);
            }
        }
    }

    /** TCP streams numbered so far: the next {@code tcp.stream} index. */
    public int tcpStreams() { return tcp.next; }

    /** UDP streams numbered so far. */
    public int udpStreams() { return udp.next; }

    /** Packets of conversations that found no room in a full table, and so have no stream index. */
    public long untrackedPackets() { return untracked; }

    /** Bytes of out-of-order TCP segments held now, waiting for the holes before them. */
    public long heldBytes() { return reassembler.heldBytes(); }

    /** Times an out-of-order segment found a holding limit reached, so that a hole was given up. */
    public long holdingLimitHits() { return reassembler.limitHits(); }

    /** Holes in TCP directions reported as gaps (bytes the capture never held). */
    public long gaps() { return reassembler.gaps(); }

    /** Bytes the gaps add up to. */
    public long gapBytes() { return reassembler.gapBytes(); }

    /** One protocol's conversations: key index, stream number and client side per entry. */
    private static final class Conversations {
        final KeyIndex index;
        int[] number;
        boolean[] clientIsLow;
        int next;

        Conversations(int maxConversations) {
            index = new KeyIndex(5, maxConversations);
            number = new int[index.entryCapacity()];
            clientIsLow = new boolean[index.entryCapacity()];
        }

        int find(Endpoints e) {
            return index.find(e.lowHigh, e.lowLow, e.highHigh, e.highLow, e.ports);
        }

        /** Adds the conversation of {@code e}, its sender the client; -1 when the table is full. */
        int add(Endpoints e) {
            int entry = index.add(e.lowHigh, e.lowLow, e.highHigh, e.highLow, e.ports);
            if (entry < 0) {
                return -1;
            }
            if (entry >= number.length) {
                number = Arrays.copyOf(number, index.entryCapacity());
                clientIsLow = Arrays.copyOf(clientIsLow, index.entryCapacity());
            }
            number[entry] = next++;
            clientIsLow[entry] = e.sourceIsLow;
            return entry;
        }
    }
}
