package dev.tapdeck.stream;

import dev.tapdeck.collect.KeyIndex;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.TcpHeader;

import java.util.Arrays;

/**
 * Follows a capture's TCP and UDP conversations in packet order and numbers them as Wireshark
 * does: {@code tcp.stream} and {@code udp.stream} count conversations from 0 in the order of
 * their first packet. A TCP SYN whose sequence number differs from the one that opened the
 * conversation on the same ports begins a new stream.
 *
 * <p>One instance per capture, fed every packet once, in order, on one thread. Tracking a
 * packet allocates nothing once the tables have grown to the capture's number of live
 * conversations; at most {@code maxConversations} are remembered per protocol, after which
 * packets of new conversations are counted as untracked and get no stream index.
 */
public final class StreamTracker {
    public static final int DEFAULT_MAX_CONVERSATIONS = 1 << 20;

    private static final int SYN = 0x02;
    private static final int ACK = 0x10;

    private final Endpoints ends = new Endpoints();
    private final Conversations tcp;
    private final Conversations udp;
    /** Per TCP conversation entry: the SYN's sequence number from the client, or -1 for none seen. */
    private long[] synSequence;
    private long untracked;
    /** Wireshark's TCP sequence analysis and timestamps, per conversation entry. */
    private final TcpAnalysis analysis;

    public StreamTracker() {
        this(DEFAULT_MAX_CONVERSATIONS, new TcpAnalysis());
    }

    public StreamTracker(int maxConversations) {
        this(maxConversations, new TcpAnalysis());
    }

    public StreamTracker(int maxConversations, TcpAnalysis analysis) {
        this.analysis = analysis;
        tcp = new Conversations(maxConversations);
        udp = new Conversations(maxConversations);
        synSequence = new long[tcp.index.entryCapacity()];
    }

    /**
     * Tracks packet {@code d}, frame {@code frameNumber} (1-based) captured at
     * {@code epochNanos}, and writes what it is part of into {@code out}.
     */
    public void offer(Dissection d, long frameNumber, long epochNanos, StreamFacts out) {
        out.clear();
        TcpHeader t = d.tcp;
        if (t.present()) {
            if (!ends.read(d, t.sourcePort(), t.destinationPort())) {
                return;
            }
            int entry = tcp.find(ends);
            boolean syn = (t.flags() & (SYN | ACK)) == SYN;
            long sequence = t.sequence() & 0xffff_ffffL;
            if (entry >= 0 && syn && synSequence[entry] >= 0 && synSequence[entry] != sequence) {
                tcp.index.remove(entry);
                entry = -1;
            }
            if (entry < 0) {
                entry = tcp.add(ends);
                if (entry < 0) {
                    untracked++;
                    return;
                }
                if (entry >= synSequence.length) {
                    synSequence = Arrays.copyOf(synSequence, tcp.index.entryCapacity());
                }
                synSequence[entry] = -1;
                analysis.open(entry, epochNanos);
            }
            if (syn && synSequence[entry] < 0) {
                synSequence[entry] = sequence;
            }
            out.tcpStream = tcp.number[entry];
            out.fromClient = tcp.clientIsLow[entry] == ends.sourceIsLow;
            analysis.analyze(entry, out.fromClient, d, frameNumber, epochNanos, out);
        } else if (d.udp.present()) {
            if (!ends.read(d, d.udp.sourcePort(), d.udp.destinationPort())) {
                return;
            }
            int entry = udp.find(ends);
            if (entry < 0) {
                entry = udp.add(ends);
                if (entry < 0) {
                    untracked++;
                    return;
                }
            }
            out.udpStream = udp.number[entry];
            out.fromClient = udp.clientIsLow[entry] == ends.sourceIsLow;
        }
    }

    /** TCP streams numbered so far: the next {@code tcp.stream} index. */
    public int tcpStreams() { return tcp.next; }

    /** UDP streams numbered so far. */
    public int udpStreams() { return udp.next; }

    /** Packets of conversations that found no room in a full table, and so have no stream index. */
    public long untrackedPackets() { return untracked; }

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
