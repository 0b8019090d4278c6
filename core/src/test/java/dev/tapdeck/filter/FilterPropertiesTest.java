package dev.tapdeck.filter;

import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.QuietPropertyReports;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of the logic over generated filters and the packets of a few corpus captures: a filter
 * and its negation split the packets between them, {@code a && b} selects what both select,
 * {@code a || b} what either does, {@code !!a} what {@code a} does.
 */
@AddLifecycleHook(QuietPropertyReports.class)
class FilterPropertiesTest {
    private static final List<PacketRecord> PACKETS = read("dpkt-http.pcap", "pcpp-four_ipv6_http_streams.pcap",
            "gopacket-test_dns.pcap", "pcpp-VlanPackets.pcap", "pcpp-IcmpPackets.pcap", "packetnet-arp_request_response.pcap");

    private final PacketFields fields = new PacketFields();

    private static List<PacketRecord> read(String... captures) {
        List<PacketRecord> packets = new ArrayList<>();
        try {
            for (String capture : captures) {
                packets.addAll(CorpusPackets.read(capture));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packets;
    }

    /** Which packets {@code filter} selects, bit i for packet i. */
    private BitSet selected(String filter) {
        DisplayFilter compiled;
        try {
            compiled = DisplayFilter.compile(filter);
        } catch (FilterException e) {
            throw new AssertionError(e.formatted(), e);
        }
        BitSet selected = new BitSet(PACKETS.size());
        long reference = CorpusPackets.epochNanos(PACKETS.getFirst());
        for (int i = 0; i < PACKETS.size(); i++) {
            if (compiled.matches(fields.wrap(i + 1, PACKETS.get(i), reference))) {
                selected.set(i);
            }
        }
        return selected;
    }

    @Property(tries = 300)
    void aFilterAndItsNegationSplitThePackets(@ForAll("filters") String filter) {
        BitSet selected = selected(filter);
        BitSet rejected = selected("!(" + filter + ")");
        assertThat(selected.intersects(rejected)).as("selected by both").isFalse();
        BitSet either = (BitSet) selected.clone();
        either.or(rejected);
        assertThat(either.cardinality()).as("selected by one").isEqualTo(PACKETS.size());
    }

    @Property(tries = 300)
    void andSelectsWhatBothSelect(@ForAll("filters") String a, @ForAll("filters") String b) {
        BitSet both = selected(a);
        both.and(selected(b));
        assertThat(selected("(" + a + ") && (" + b + ")")).isEqualTo(both);
        assertThat(selected("(" + a + ") and (" + b + ")")).isEqualTo(both);
    }

    @Property(tries = 300)
    void orSelectsWhatEitherSelects(@ForAll("filters") String a, @ForAll("filters") String b) {
        BitSet either = selected(a);
        either.or(selected(b));
        assertThat(selected("(" + a + ") || (" + b + ")")).isEqualTo(either);
        assertThat(selected("(" + a + ") or (" + b + ")")).isEqualTo(either);
    }

    @Property(tries = 300)
    void doubleNegationChangesNothing(@ForAll("filters") String a) {
        assertThat(selected("!!(" + a + ")")).isEqualTo(selected(a));
        assertThat(selected("not not (" + a + ")")).isEqualTo(selected(a));
    }

    @Provide
    Arbitrary<String> filters() {
        return Arbitraries.recursive(FilterPropertiesTest::atom, FilterPropertiesTest::combined, 0, 3);
    }

    private static Arbitrary<String> combined(Arbitrary<String> inner) {
        return Arbitraries.oneOf(
                Combinators.combine(inner, inner).as((a, b) -> a + " && " + b),
                Combinators.combine(inner, inner).as((a, b) -> a + " || " + b),
                inner.map(a -> "!(" + a + ")"),
                inner.map(a -> "(" + a + ")"),
                Combinators.combine(inner, inner).as((a, b) -> "not " + a + " or " + b));
    }

    /** One test: a field alone, a comparison of any kind, a set, a slice, a function, arithmetic. */
    private static Arbitrary<String> atom() {
        Arbitrary<String> bare = Arbitraries.of("tcp", "udp", "ip", "ipv6", "arp", "dns", "http", "vlan", "icmp", "eth",
                "ip.src", "tcp.flags.syn", "http.request", "dns.qry.name", "_ws.malformed");
        Arbitrary<String> numberField = Arbitraries.of("tcp.port", "tcp.srcport", "tcp.dstport", "udp.port", "ip.ttl",
                "ip.len", "frame.len", "tcp.len", "ip.proto", "frame.number", "dns.id", "vlan.id", "tcp.flags", "icmp.type");
        Arbitrary<String> operator = Arbitraries.of("==", "!=", "<", "<=", ">", ">=", "===", "!==", "~=", "eq", "ne", "gt", "le");
        // Within every one of these fields' range (the narrowest are 8 bits wide).
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.integers().between(0, 255).map(String::valueOf),
                Arbitraries.of("0x50", "053", "0b1", "80", "53", "64", "'P'"));
        Arbitrary<String> comparison = Combinators.combine(numberField, operator, number).as((f, o, n) -> f + " " + o + " " + n);
        Arbitrary<String> address = Combinators.combine(Arbitraries.of("ip.addr", "ip.src", "ip.dst"), operator,
                Arbitraries.of("145.254.160.237", "65.208.228.223", "10.0.0.0/8", "192.168.0.0/16", "0.0.0.0/1"))
                .as((f, o, a) -> f + " " + o + " " + a);
        Arbitrary<String> ipv6 = Arbitraries.of("ipv6.addr == fe80::/10", "ipv6.src == ::1", "ipv6.dst > 2000::",
                "ipv6.addr in {fe80::/10, ff00::/8}");
        Arbitrary<String> text = Arbitraries.of("dns.qry.name contains \"google\"", "dns.qry.name matches \"(?i)^WWW\"",
                "http.request.method == \"GET\"", "frame contains \"HTTP\"", "frame matches \"Host: [a-z]+\"",
                "lower(http.request.uri) contains \"html\"", "len(dns.qry.name) > 10", "upper(dns.qry.name) ~ \"COM$\"");
        Arbitrary<String> other = Arbitraries.of("tcp.port in {80, 443, 1000..4000}", "udp.port not in {53}",
                "frame[12:2] == 08:00", "eth.src[0:3] == 00:00:01", "frame[0:2,6] contains 00", "count(ip.addr) == 2",
                "tcp.srcport > tcp.dstport", "ip.src == ip.dst", "tcp.flags & 0x02", "frame.len - 14 > 500",
                "frame.time_relative > 1.5", "all tcp.port > 1000", "any ip.addr != 145.254.160.237", "max(tcp.port) > 1024",
                "ip.src#1 == 145.254.160.237", "-tcp.srcport < -1000", "tcp.srcport % 2 == 0");
        return Arbitraries.oneOf(bare, comparison, address, ipv6, text, other);
    }
}
