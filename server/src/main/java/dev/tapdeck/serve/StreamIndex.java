package dev.tapdeck.serve;

import dev.tapdeck.stream.StreamFacts;

/** A packet's stream in its JSON summary: {@code ,"tcp.stream":N} or {@code ,"udp.stream":N}. */
final class StreamIndex {
    private StreamIndex() {}

    /** {@code ,"tcp.stream":N} or {@code ,"udp.stream":N}, nothing for a packet of no stream. */
    static void appendJson(StreamFacts facts, StringBuilder out) {
        if (facts.tcpStream() != StreamFacts.NONE) {
            out.append(",\"tcp.stream\":").append(facts.tcpStream());
        } else if (facts.udpStream() != StreamFacts.NONE) {
            out.append(",\"udp.stream\":").append(facts.udpStream());
        }
    }
}
