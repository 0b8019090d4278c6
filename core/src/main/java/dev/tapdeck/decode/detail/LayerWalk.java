package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.LinkFields;
import dev.tapdeck.stream.StreamFacts;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a dissection's protocol chain and appends one node per layer, as Wireshark's tree
 * has them: EtherType entries fold into the header that names them, IPv6 extension headers
 * go inside their IPv6 node.
 */
final class LayerWalk {
    private final Dissection d;
    private final PacketBytes bytes;
    private final List<NodeBuilder> layers;
    /** Where the innermost length field seen so far (IP total length, UDP length) ends the payload. */
    private int payloadEnd;
    private NodeBuilder ipv6;
    private NodeBuilder lastIcmp;
    private Protocol transport;
    /** True for the datagram an ICMP error quotes, which is known to be cut short. */
    private final boolean quote;
    /** What the stream tracker found of the packet's first TCP header; null for nothing, or once used. */
    private StreamFacts facts;
    /** The same for the first UDP layer (a tunnel's UDP and the TCP inside it each have a stream). */
    private StreamFacts udpFacts;

    LayerWalk(Dissection d, PacketBytes bytes, List<NodeBuilder> layers, boolean quote, StreamFacts facts) {
        this.facts = facts;
        this.udpFacts = facts;
        this.d = d;
        this.bytes = bytes;
        this.layers = layers;
        this.payloadEnd = bytes.captured();
        this.quote = quote;
    }

    /** Walks a message reassembled from TCP segments, which has no transport layer of its own to say so. */
    LayerWalk overTcp() {
        transport = Protocol.TCP;
        return this;
    }

    /** The ICMP or ICMPv6 node an error's quoted datagram belongs in, or null. */
    NodeBuilder lastIcmp() {
        return lastIcmp;
    }

    /** Describes chain entry {@code protocol} at {@code at}; {@code next} is where the next entry starts, or -1. */
    void describe(int index, Protocol protocol, int at, int next) {
        switch (protocol) {
            case ETHERTYPE -> { }
            case ETH -> {
                if (isOwn(index, Protocol.ETH) && d.ethernet.present()) {
                    LinkLayers.ethernet(d.ethernet, bytes, at, layers);
                } else {
                    other(protocol, at, next);
                }
            }
            case LLC -> LinkLayers.llc(bytes, at, layers);
            case VLAN, IEEE8021AD -> LinkLayers.vlan(bytes, at, protocol == Protocol.IEEE8021AD, layers);
            case SLL -> LinkLayers.linuxCooked(d, bytes, at, layers);
            case NULL -> LinkLayers.bsdLoopback(d, bytes, at, layers);
            case RAW -> layers.add(NodeBuilder.protocol(bytes, LinkFields.RAW_PROTO, at, bytes.captured() - at));
            case ARP -> {
                if (isOwn(index, Protocol.ARP) && d.arp.present()) {
                    NetworkLayers.arp(d, bytes, at, layers);
                } else {
                    other(protocol, at, next);
                }
            }
            case IP -> {
                if (isOwn(index, Protocol.IP) && d.ipv4.present()) {
                    payloadEnd = NetworkLayers.ipv4(d, bytes, at, layers, payloadEnd, quote);
                } else {
                    other(protocol, at, next);
                }
            }
            case IPV6 -> {
                if (isOwn(index, Protocol.IPV6) && d.ipv6.present()) {
                    ipv6 = NetworkLayers.ipv6(d, bytes, at, layers);
                    payloadEnd = d.ipv6.payloadLength() == 0 ? payloadEnd : Math.min(payloadEnd, at + 40 + d.ipv6.payloadLength());
                } else {
                    other(protocol, at, next);
                }
            }
            case IPV6_HOPOPTS, IPV6_ROUTING, IPV6_DSTOPTS, IPV6_FRAGHDR -> {
                if (ipv6 != null) {
                    NetworkLayers.ipv6Extension(protocol, bytes, at, ipv6);
                } else {
                    other(protocol, at, next);
                }
            }
            case TCP -> {
                transport = protocol;
                if (isOwn(index, Protocol.TCP) && d.tcp.present()) {
                    TransportLayers.tcp(d.tcp, bytes, at, payloadEnd, quote || fragment(), facts, layers);
                    facts = null;
                } else {
                    other(protocol, at, next);
                }
            }
            case UDP -> {
                transport = protocol;
                if (isOwn(index, Protocol.UDP) && d.udp.present()) {
                    payloadEnd = TransportLayers.udp(d.udp, bytes, at, layers, payloadEnd, udpFacts);
                    udpFacts = null;
                } else {
                    other(protocol, at, next);
                }
            }
            case ICMP, ICMPV6 -> {
                boolean v6 = protocol == Protocol.ICMPV6;
                if (isOwn(index, protocol) && (v6 ? d.icmpv6 : d.icmp).present()) {
                    lastIcmp = TransportLayers.icmp(v6 ? d.icmpv6 : d.icmp, v6, bytes, at, payloadEnd, layers);
                } else {
                    other(protocol, at, next);
                }
            }
            case DNS, MDNS, LLMNR -> {
                if (d.dns.present() && isOwn(index, protocol)) {
                    DnsLayer.dns(d.dns, protocol, transport == Protocol.TCP, bytes, at, payloadEnd, layers);
                } else {
                    other(protocol, at, next);
                }
            }
            case TLS -> {
                if (d.tls.present() && d.tls.offset() == at) {
                    ApplicationLayers.tls(d.tls, bytes, at, payloadEnd, layers);
                } else {
                    other(protocol, at, next);
                }
            }
            case HTTP, SSDP -> {
                if (d.http.present() && d.http.offset() == at) {
                    ApplicationLayers.http(d.http, protocol, bytes, at, payloadEnd, layers);
                } else {
                    other(protocol, at, next);
                }
            }
            case DATA -> {
                if (lastIcmp != null) {
                    // An echo's data belongs to its ICMP message, inside the ICMP node as Wireshark shows it.
                    List<NodeBuilder> echoData = new ArrayList<>();
                    ApplicationLayers.data(bytes, at, payloadEnd, echoData);
                    echoData.forEach(lastIcmp::add);
                } else {
                    ApplicationLayers.data(bytes, at, payloadEnd, layers);
                }
            }
            default -> other(protocol, at, next);
        }
    }

    /** True when the packet's (first) IP datagram is a fragment, whose transport header may be all it holds. */
    private boolean fragment() {
        return d.ipv4.present() && d.ipv4.isComplete() && (d.ipv4.moreFragments() || d.ipv4.fragmentOffset() > 0) || d.ipv6.hasFragmentHeader();
    }

    /** True when chain entry {@code index} is the first {@code protocol}, the one the dissection's flyweight holds. */
    private boolean isOwn(int index, Protocol protocol) {
        for (int i = 0; i < index; i++) {
            if (d.layer(i) == protocol) {
                return false;
            }
        }
        return true;
    }

    /** A layer described by its name and bytes alone: a tunnel's inner header, or a protocol without fields here. */
    private void other(Protocol protocol, int at, int next) {
        int end = next > at ? next : payloadEnd;
        layers.add(NodeBuilder.protocol(bytes, FieldRegistry.protocol(protocol), at, end - at));
    }
}
