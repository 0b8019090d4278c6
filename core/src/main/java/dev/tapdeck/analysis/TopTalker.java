package dev.tapdeck.analysis;

import java.net.InetAddress;

/** One host's share of the traffic in the flows a {@link FlowTable} holds. */
public record TopTalker(InetAddress address, long packetsSent, long bytesSent,
                        long packetsReceived, long bytesReceived, int flows) {

    public long bytes() { return bytesSent + bytesReceived; }

    public long packets() { return packetsSent + packetsReceived; }

    /** Dotted quad or RFC 5952 text. */
    public String host() { return Hosts.text(address); }
}
