package dev.tapdeck.stream;

/** For tests of what reads {@link StreamFacts}: facts of a packet of a given TCP stream, as the tracker would fill them. */
public final class StreamFactsAccess {
    private StreamFactsAccess() {
    }

    public static void track(StreamFacts facts, int tcpStream) {
        facts.clear();
        facts.tcpStream = tcpStream;
    }
}
