package dev.tapdeck.generate;

import java.time.Instant;

/**
 * What the generated link carries.
 *
 * @param concurrentFlows   flows open at the same time, each running one flow after another
 * @param tcpShare          relative share of new flows that are TCP connections (HTTP or TLS)
 * @param dnsShare          relative share that are DNS lookups
 * @param icmpShare         relative share that are ping sessions
 * @param ipv6Share         probability that a flow uses IPv6, 0 to 1
 * @param vlanShare         probability that a client host sits on an 802.1Q-tagged VLAN, 0 to 1
 * @param linkBitsPerSecond line rate of the tapped link: back-to-back frames are spaced by it
 * @param start             time of the capture's first instant
 */
public record TrafficMix(int concurrentFlows, double tcpShare, double dnsShare, double icmpShare,
                         double ipv6Share, double vlanShare, long linkBitsPerSecond, Instant start) {

    /** A busy 1 Gbit/s office uplink on the morning of 12 March 2024. */
    public static TrafficMix defaults() {
        return new TrafficMix(600, 0.55, 0.40, 0.05, 0.30, 0.10, 1_000_000_000L,
                Instant.parse("2024-03-12T09:00:00Z"));
    }

    public TrafficMix {
        if (concurrentFlows < 1) {
            throw new IllegalArgumentException("concurrentFlows must be at least 1, was " + concurrentFlows);
        }
        if (!(tcpShare >= 0 && dnsShare >= 0 && icmpShare >= 0) || tcpShare + dnsShare + icmpShare <= 0) {
            throw new IllegalArgumentException("flow shares must be non-negative with a positive sum, were tcp "
                    + tcpShare + ", dns " + dnsShare + ", icmp " + icmpShare);
        }
        if (!(ipv6Share >= 0 && ipv6Share <= 1) || !(vlanShare >= 0 && vlanShare <= 1)) {
            throw new IllegalArgumentException("ipv6Share and vlanShare must be between 0 and 1, were "
                    + ipv6Share + " and " + vlanShare);
        }
        if (linkBitsPerSecond <= 0) {
            throw new IllegalArgumentException("linkBitsPerSecond must be positive, was " + linkBitsPerSecond);
        }
        if (start == null || start.getEpochSecond() < 0) {
            throw new IllegalArgumentException("start must be an instant after 1970, was " + start);
        }
    }
}
