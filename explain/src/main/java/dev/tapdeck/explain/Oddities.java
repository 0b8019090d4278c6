package dev.tapdeck.explain;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.TcpHeader;

import java.util.ArrayList;
import java.util.List;

/** "What stands out": what is unusual about a packet, each with why it matters. */
final class Oddities {
    private static final int LOW_TTL = 2;

    private Oddities() {
    }

    static List<String> find(Dissection d, PacketFacts facts) {
        List<String> found = new ArrayList<>();
        if (d.malformed()) {
            found.add("**Malformed:** a header claims more bytes than the packet holds, so decoding stopped at "
                    + lastLayer(d) + ". A buggy sender, a corrupted capture, or a crafted packet.");
        } else if (d.truncated()) {
            found.add("**Cut short by the capture:** only " + d.capturedLength() + " of " + d.frameLength()
                    + " bytes were kept (the snap length), so decoding stopped at " + lastLayer(d) + ". The packet itself was whole on the wire.");
        }
        if (facts.isTcp()) {
            tcpFlags(facts.tcpFlags(), found);
        }
        if (facts.sourcePort() == 0 || facts.destinationPort() == 0) {
            found.add("**Port 0:** reserved and never used by normal traffic; seen in scans, fingerprinting and broken stacks.");
        }
        if (facts.httpLine() != null && (facts.sourcePort() == 443 || facts.destinationPort() == 443)) {
            found.add("**Plain HTTP on port 443:** the port of HTTPS carries unencrypted HTTP here.");
        }
        if (facts.serverName() != null && (facts.sourcePort() == 80 || facts.destinationPort() == 80)) {
            found.add("**TLS on port 80:** the port of plain HTTP carries a TLS session here.");
        }
        ttl(d, found);
        if (facts.isDns() && facts.dnsResponse() && facts.dnsResponseCode() == 3) {
            found.add("**The name does not exist (NXDOMAIN):** a typo, a stale link, or a search domain tried first. Many of these from one client, for random-looking names, can mean malware looking for its server.");
        }
        if (facts.isDns() && facts.dnsResponse() && (facts.dnsResponseCode() == 2 || facts.dnsResponseCode() == 5)) {
            found.add("**DNS " + (facts.dnsResponseCode() == 2 ? "server failure" : "refusal")
                    + ":** the resolver did not answer; if it repeats, look at the resolver's health or its access rules.");
        }
        return found;
    }

    private static void tcpFlags(int flags, List<String> found) {
        boolean syn = (flags & TcpHeader.SYN) != 0, fin = (flags & TcpHeader.FIN) != 0, rst = (flags & TcpHeader.RST) != 0;
        boolean ack = (flags & TcpHeader.ACK) != 0, psh = (flags & TcpHeader.PSH) != 0, urg = (flags & TcpHeader.URG) != 0;
        if (flags == 0) {
            found.add("**No TCP flags at all (a \"null\" packet):** no real TCP stack sends one; port scanners do, to probe how a host reacts.");
        } else if (fin && psh && urg && !ack) {
            found.add("**FIN, PSH and URG together (an \"Xmas\" packet):** a classic port-scan probe, not normal traffic.");
        } else if (syn && fin) {
            found.add("**SYN and FIN together:** opening and closing at once is invalid; scanners use it to slip past simple filters.");
        } else if (syn && rst) {
            found.add("**SYN and RST together:** an invalid combination, a sign of crafted packets.");
        } else if (fin && !ack) {
            found.add("**FIN without ACK:** every segment after the handshake should carry ACK; a bare FIN is a typical stealth-scan probe.");
        } else if (urg) {
            found.add("**URG set:** urgent data is almost never used today; it can be a scan or an attempt to confuse inspection.");
        }
    }

    private static void ttl(Dissection d, List<String> found) {
        if (d.ipv4.present() && d.ipv4.isComplete() && d.ipv4.ttl() <= LOW_TTL) {
            String scope = AddressScope.ipv4(d.ipv4.destination());
            if (!scope.equals("multicast") && !scope.equals("broadcast")) {
                found.add("**Low TTL (" + d.ipv4.ttl() + "):** the packet dies after " + d.ipv4.ttl()
                        + (d.ipv4.ttl() == 1 ? " hop" : " hops") + ". Expected from traceroute; otherwise a routing loop or a sender that means to stay local.");
            }
        } else if (d.ipv6.present() && d.ipv6.hopLimit() <= LOW_TTL) {
            String scope = AddressScope.ipv6(d.bytes(), (int) d.ipv6.destinationOffset());
            if (!scope.equals("multicast") && !scope.equals("link-local")) {
                found.add("**Low hop limit (" + d.ipv6.hopLimit() + "):** the packet dies after " + d.ipv6.hopLimit()
                        + (d.ipv6.hopLimit() == 1 ? " hop" : " hops") + ". Expected from traceroute; otherwise a routing loop.");
            }
        }
    }

    private static String lastLayer(Dissection d) {
        return d.layerCount() == 0 ? "the start of the frame"
                : "the " + d.layer(d.layerCount() - 1).filterName().toUpperCase(java.util.Locale.ROOT) + " layer";
    }
}
