package dev.tapdeck.serve;

import dev.tapdeck.stream.StreamFacts;

/**
 * A packet's stream ({@code tcp.stream} or {@code udp.stream}, and which side sent it) packed
 * into one int, as the history keeps it beside each packet: the index shifted left by two,
 * bit 1 set for UDP, bit 0 set when the client sent it; {@link #NONE} for a packet of no
 * stream. Indexes from 2^29 on are not kept (a server would have to see half a billion
 * conversations in one capture).
 */
final class StreamIndex {
    static final int NONE = -1;
    private static final int LIMIT = 1 << 29;

    private StreamIndex() {}

    static int pack(StreamFacts facts) {
        int tcp = facts.tcpStream();
        int udp = facts.udpStream();
        int client = facts.fromClient() ? 1 : 0;
        if (tcp != StreamFacts.NONE && tcp < LIMIT) {
            return tcp << 2 | client;
        }
        if (udp != StreamFacts.NONE && udp < LIMIT) {
            return udp << 2 | 2 | client;
        }
        return NONE;
    }

    static StreamFacts unpack(int packed, StreamFacts into) {
        if (packed == NONE) {
            into.clear();
            return into;
        }
        int stream = packed >>> 2;
        boolean udp = (packed & 2) != 0;
        return into.set(udp ? StreamFacts.NONE : stream, udp ? stream : StreamFacts.NONE, (packed & 1) != 0);
    }

    /** {@code ,"tcp.stream":N} or {@code ,"udp.stream":N}, nothing for a packet of no stream. */
    static void appendJson(int packed, StringBuilder out) {
        if (packed != NONE) {
            out.append((packed & 2) != 0 ? ",\"udp.stream\":" : ",\"tcp.stream\":").append(packed >>> 2);
        }
    }
}
