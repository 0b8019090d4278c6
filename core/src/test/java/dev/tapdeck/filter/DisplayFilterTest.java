package dev.tapdeck.filter;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.tapdeck.decode.TestPackets.ETHERTYPE_ARP;
import static dev.tapdeck.decode.TestPackets.ETHERTYPE_IPV4;
import static dev.tapdeck.decode.TestPackets.ETHERTYPE_IPV6;
import static dev.tapdeck.decode.TestPackets.ETHERTYPE_VLAN;
import static dev.tapdeck.decode.TestPackets.MAC_A;
import static dev.tapdeck.decode.TestPackets.PROTO_TCP;
import static dev.tapdeck.decode.TestPackets.PROTO_UDP;
import static dev.tapdeck.decode.TestPackets.arp;
import static dev.tapdeck.decode.TestPackets.ascii;
import static dev.tapdeck.decode.TestPackets.dns;
import static dev.tapdeck.decode.TestPackets.ethernet;
import static dev.tapdeck.decode.TestPackets.ipv4;
import static dev.tapdeck.decode.TestPackets.ipv6;
import static dev.tapdeck.decode.TestPackets.tcp;
import static dev.tapdeck.decode.TestPackets.udp;
import static dev.tapdeck.decode.TestPackets.vlanTag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The language, form by form, over a few packets built for the purpose: which of them each
 * filter selects. (The same forms against tshark's own answers on real captures are in
 * {@link TsharkRecordsTest}.)
 */
class DisplayFilterTest {
    /** Named packets, 0.5 s apart from the first. */
    private static final Map<String, PacketRecord> PACKETS = new LinkedHashMap<>();

    static {
        add("syn", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).id(0x1234)
                .wrap(tcp(44644, 443).flags(TcpHeader.SYN).seq(7).build())));
        add("get", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("10.1.2.3", "10.9.8.7", PROTO_TCP)
                .wrap(tcp(50000, 80).flags(TcpHeader.ACK | TcpHeader.PSH)
                        .wrap(ascii("GET /index.html HTTP/1.1\r\nHost: www.Example.com\r\n\r\n")))));
        add("dns", LinkTypes.ETHERNET, ethernet(ETHERTYPE_VLAN, vlanTag(0, 100, ETHERTYPE_IPV4,
                ipv4("192.0.2.1", "192.0.2.1", PROTO_UDP).wrap(udp(53000, 53,
                        dns(0xbeef, 0x0100, 1, 0, 0, 0).question("www.example.com", 1).toBytes())))));
        add("arp", LinkTypes.ETHERNET, ethernet(ETHERTYPE_ARP, arp(2, MAC_A, "10.0.0.1", 0, "10.0.0.2")));
        add("v6", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV6, ipv6("fe80::1", "2001:db8::2", PROTO_UDP)
                .wrap(udp(546, 547, new byte[4]))));
    }

    private static void add(String name, int linkType, byte[] bytes) {
        long nanos = PACKETS.size() * 500_000_000L;
        PacketRecord record = new PacketRecord().set(MemorySegment.ofArray(bytes), 0, bytes.length, bytes.length, linkType)
                .timestamp(1_700_000_000L + nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), PacketRecord.NANOSECOND_DIGITS);
        PACKETS.put(name, record);
    }

    /** The names of the packets {@code filter} selects. */
    private static Set<String> selected(String filter) {
        DisplayFilter compiled;
        try {
            compiled = DisplayFilter.compile(filter);
        } catch (FilterException e) {
            throw new AssertionError(e.formatted(), e);
        }
        PacketFields fields = new PacketFields();
        Set<String> names = new TreeSet<>();
        long number = 0;
        for (Map.Entry<String, PacketRecord> packet : PACKETS.entrySet()) {
            if (compiled.matches(fields.wrap(++number, packet.getValue(), 1_700_000_000_000_000_000L))) {
                names.add(packet.getKey());
            }
        }
        return names;
    }

    private static void assertSelects(String filter, String... names) {
        assertThat(selected(filter)).as(filter).containsExactlyInAnyOrder(names);
    }

    private static FilterException refused(String filter) {
        try {
            DisplayFilter.compile(filter);
        } catch (FilterException e) {
            return e;
        }
        throw new AssertionError("compiled: " + filter);
    }

    @Nested
    class Logic {
        @Test
        void andBindsTighterThanOr() {
            assertSelects("tcp || udp && arp", "syn", "get");
            assertSelects("(tcp || udp) && arp");
            assertSelects("arp && udp || tcp", "syn", "get");
        }

        @Test
        void notBindsTighterThanAndAndRelations() {
            assertSelects("!tcp && ip", "dns");
            assertSelects("not tcp.port == 443 && tcp", "get");
            assertSelects("!!tcp", "syn", "get");
            assertSelects("!(tcp || udp)", "arp");
        }

        @Test
        void keywordsAndSymbolsAreTheSame() {
            assertThat(selected("tcp and not udp or arp")).isEqualTo(selected("tcp && !udp || arp"));
            assertSelects("tcp.dstport eq 443 or tcp.dstport ne 443 and tcp.srcport lt 50001 and tcp.srcport ge 50000", "syn", "get");
            assertSelects("tcp.dstport gt 80 and tcp.dstport le 443", "syn");
        }

        @Test
        void xorIsNotIn40() {
            assertThat(refused("tcp ^^ udp").getMessage()).isEqualTo("\"^\" was unexpected in this context.");
            assertThat(refused("tcp xor udp").getMessage()).isEqualTo("\"xor\" was unexpected in this context.");
        }

        @Test
        void longChainsNestNothing() {
            assertSelects("tcp" + " && tcp".repeat(20_000), "syn", "get");
            assertSelects("arp" + " || arp".repeat(20_000), "arp");
        }

        @Test
        void emptyFilterMatchesEverything() throws FilterException {
            assertThat(selected("")).hasSize(PACKETS.size());
            assertThat(selected("  \t\n")).hasSize(PACKETS.size());
            assertThat(DisplayFilter.compile(" ").isEmpty()).isTrue();
            assertThat(DisplayFilter.compile(" ").fields()).isEmpty();
            assertThat(DisplayFilter.compile("tcp").isEmpty()).isFalse();
        }
    }

    @Nested
    class Comparisons {
        @Test
        void fieldsAloneTestPresence() {
            assertSelects("tcp", "syn", "get");
            assertSelects("vlan", "dns");
            assertSelects("ip.src", "syn", "get", "dns");
            assertSelects("dns.qry.name", "dns");
        }

        /** ip.addr has two values a packet: 4.0's == is "any equals", != "all differ", === "all equal", !== "any differs". */
        @Test
        void operatorsOverSeveralValues() {
            assertSelects("ip.addr == 192.0.2.1", "syn", "dns");
            assertSelects("ip.addr != 192.0.2.1", "get");
            assertSelects("ip.addr ne 192.0.2.1", "get");
            assertSelects("ip.addr all_ne 192.0.2.1", "get");
            assertSelects("ip.addr === 192.0.2.1", "dns");
            assertSelects("ip.addr all_eq 192.0.2.1", "dns");
            assertSelects("ip.addr !== 192.0.2.1", "syn", "get");
            assertSelects("ip.addr ~= 192.0.2.1", "syn", "get");
            assertSelects("ip.addr any_ne 192.0.2.1", "syn", "get");
            assertSelects("ip.addr any_eq 192.0.2.1", "syn", "dns");
        }

        @Test
        void anyAndAllChooseTheirOwn() {
            assertSelects("all ip.addr == 192.0.2.1", "dns");
            assertSelects("any ip.addr != 192.0.2.1", "syn", "get");
            assertSelects("all tcp.port > 100", "syn");
            assertSelects("all tcp.port > 80", "syn");
            assertSelects("all tcp.port > 443");
            assertSelects("all ip.addr in {192.0.2.0/24}", "dns");
            assertSelects("all dns.qry.name contains \"w\"", "dns");
        }

        @Test
        void aComparisonOfAMissingFieldIsFalseEvenNotEqual() {
            assertSelects("udp.port != 53", "v6");
            assertSelects("!(udp.port == 53)", "syn", "get", "arp", "v6");
        }

        @Test
        void chainedComparisonsAreConjunctions() {
            assertSelects("tcp.srcport > tcp.dstport > 100", "syn");
            assertSelects("tcp.dstport < tcp.srcport < 50000", "syn");
        }

        @Test
        void fieldAgainstField() {
            assertSelects("ip.src == ip.dst", "dns");
            assertSelects("tcp.srcport > tcp.dstport", "syn", "get");
            assertSelects("frame.cap_len == frame.len", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src == eth.dst");
            assertSelects("eth.src == eth.src", "syn", "get", "dns", "arp", "v6");
        }

        @Test
        void integersCompareUnsignedByValue() {
            assertSelects("tcp.seq == 7", "syn");
            assertSelects("ip.id == 0x1234", "syn");
            assertSelects("ip.id == 011064", "syn");
            assertSelects("ip.id == 0b1001000110100", "syn");
            assertSelects("tcp.dstport == 'P'", "get");
            assertSelects("tcp.dstport == '\\x50'", "get");
            assertSelects("tcp.dstport == '\\120'", "get");
            assertSelects("tcp.srcport == -1");
            assertSelects("-tcp.dstport == -443", "syn");
        }

        @Test
        void booleansAreTrueWhenNotZero() {
            assertSelects("tcp.flags.syn == 1", "syn");
            assertSelects("tcp.flags.syn == True", "syn");
            assertSelects("tcp.flags.syn == TRUE", "syn");
            assertSelects("tcp.flags.syn == 2", "syn");
            assertSelects("tcp.flags.syn == False", "get");
            assertSelects("tcp.flags.syn == FALSE", "get");
            assertSelects("tcp.flags.syn > tcp.flags.ack", "syn");
        }

        @Test
        void valueNamesStandForTheirValues() {
            assertSelects("arp.opcode == reply", "arp");
            assertSelects("arp.opcode == \"reply\"", "arp");
            assertSelects("arp.opcode == REQUEST");
            assertThat(refused("arp.opcode == answer").getMessage())
                    .isEqualTo("\"answer\" cannot be found among the possible values for arp.opcode.");
        }

        @Test
        void timesAreSecondsExactly() {
            assertSelects("frame.time_relative == 0", "syn");
            assertSelects("frame.time_relative == 1.5", "arp");
            assertSelects("frame.time_relative >= 1.5", "arp", "v6");
            assertSelects("frame.time_relative > 1.499999999", "arp", "v6");
            assertSelects("frame.time_relative < 1.000000001", "syn", "get", "dns");
            assertSelects("frame.time_relative > -1", "syn", "get", "dns", "arp", "v6");
            assertSelects("frame.time_epoch >= 1700000001", "dns", "arp", "v6");
            assertSelects("frame.time_epoch == 1700000001.5", "arp");
            assertSelects("frame.time_relative + 1 == 2", "dns");
        }

        @Test
        void stringsCompareByteForByte() {
            assertSelects("dns.qry.name == \"www.example.com\"", "dns");
            assertSelects("dns.qry.name == www.example.com", "dns");
            assertSelects("dns.qry.name == \"WWW.example.com\"");
            assertSelects("dns.qry.name > \"www\"", "dns");
            assertSelects("dns.qry.name < \"www\"");
            assertSelects("dns.qry.name == \"\\x77ww.example.com\"", "dns");
            assertSelects("dns.qry.name == \"\\167ww.example.com\"", "dns");
            assertSelects("dns.qry.name == r\"www.example.com\"", "dns");
            assertThat(refused("dns.qry.name == \"www.example.co\\m\"").getMessage()).isEqualTo("\\m is not a valid character escape sequence");
        }
    }

    @Nested
    class Addresses {
        @Test
        void ipv4AndCidr() {
            assertSelects("ip.src == 10.1.2.3", "get");
            assertSelects("ip.addr == 10.0.0.0/8", "get");
            assertSelects("ip.dst == 198.51.100.0/24", "syn");
            assertSelects("ip.dst == 198.51.100.255/24", "syn");
            assertSelects("ip.src == 0.0.0.0/0", "syn", "get", "dns");
            assertSelects("ip.src > 10.1.2.2", "syn", "get", "dns");
            assertSelects("ip.src in {10.0.0.0/8, 198.51.100.2}", "get");
            assertSelects("ip.src & 255.0.0.0 == 10.0.0.0", "get");
            assertSelects("arp.src.proto_ipv4 == 10.0.0.1", "arp");
        }

        @Test
        void ipv6AndPrefixes() {
            assertSelects("ipv6.src == fe80::1", "v6");
            assertSelects("ipv6.src == fe80:0:0::0:1", "v6");
            assertSelects("ipv6.addr == fe80::/10", "v6");
            assertSelects("ipv6.dst == 2001:db8::/32", "v6");
            assertSelects("ipv6.dst == 2001:db9::/32");
            assertSelects("ipv6.dst == ::/0", "v6");
            assertSelects("ipv6.src in {fe80::/10, ff00::/8}", "v6");
            assertSelects("ipv6.src > ipv6.dst", "v6");
        }

        @Test
        void macsInEveryNotation() {
            assertSelects("eth.src == 00:1b:21:3a:4b:5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src == 00-1b-21-3a-4b-5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src == 00.1b.21.3a.4b.5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src == 001b.213a.4b5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src == 001b213a4b5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.addr == 00:1b:21:3a:4b:5c && eth.src contains 21:3a", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.dst == 00:1b:21:3a:4b:5c");
        }
    }

    @Nested
    class BytesAndText {
        @Test
        void slices() {
            assertSelects("eth.src[0:3] == 00:1b:21", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src[1-2] == 1b:21", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src[:2] == 00:1b", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src[4:] == 4b:5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src[-1] == 5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src[-2:2] == 4b:5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src[0,5] == 00:5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src[0:2,4-5] == 00:1b:4b:5c", "syn", "get", "dns", "arp", "v6");
            assertSelects("eth.src[0:2][1] == 1b", "syn", "get", "dns", "arp", "v6");
            assertSelects("frame[12:2] == 08:00", "syn", "get");
            assertSelects("frame[12:2] == 0800", "syn", "get");
            assertSelects("ip.src[0] == 0a", "get");
            // Beside bytes a number is hex digits: 10 is the byte 0x10.
            assertSelects("ip.src[0] == 10");
            assertSelects("dns.qry.name[0:3] == \"www\"", "dns");
        }

        @Test
        void aSliceThatDoesNotFitGivesNothing() {
            assertSelects("eth.src[5:2]");
            assertSelects("eth.src[6:]");
            assertSelects("eth.src[-7:1]");
            assertSelects("frame[1000:1]");
        }

        @Test
        void containsAndMatches() {
            assertSelects("frame contains \"GET\"", "get");
            assertSelects("tcp contains 47:45:54", "get");
            assertSelects("tcp contains \"Host: www.Example\"", "get");
            assertSelects("dns.qry.name contains \"example\"", "dns");
            assertSelects("dns.qry.name contains ex", "dns");
            // Beside a string a word is text, as in tshark: these are the five characters 65:78.
            assertSelects("dns.qry.name contains 65:78");
            assertSelects("frame matches \"Host: www\\\\.[A-Z]xample\"", "get");
            // As in Wireshark, matches ignores case unless told otherwise.
            assertSelects("frame matches \"host: www\"", "get");
            assertSelects("frame matches \"(?-i)host: www\"");
            assertSelects("frame matches \"(?i)host: WWW\"", "get");
            assertSelects("dns.qry.name matches \"^www\\\\.\"", "dns");
            assertSelects("dns.qry.name ~ \"com$\"", "dns");
            assertSelects("dns.qry.name matches \"^example\"");
        }

        @Test
        void bitwiseAndBindsTighterThanComparisons() {
            assertSelects("tcp.flags & 0x02", "syn");
            assertSelects("tcp.flags & 0x12 == 0x02", "syn");
            assertSelects("tcp.flags bitwise_and 0x18 == 0x18", "get");
            assertSelects("tcp.flags & 0x04");
            assertSelects("eth.src[0:2] & 00:ff == 00:1b", "syn", "get", "dns", "arp", "v6");
        }

        @Test
        void arithmeticHasItsPrecedence() {
            assertSelects("tcp.srcport - 1 * 2 == 44642", "syn");
            assertSelects("tcp.srcport & 0xff + 1 == 0", "syn");
            assertSelects("{tcp.srcport & 0xff} + 1 == 0x65", "syn");
            assertSelects("tcp.dstport / 4 == 110 && tcp.dstport % 4 == 3", "syn");
            assertSelects("tcp.dstport / 0 == 0");
            assertSelects("tcp.srcport + tcp.dstport == 50080", "get");
        }
    }

    @Nested
    class Sets {
        @Test
        void membersAndRanges() {
            assertSelects("tcp.port in {80, 8080}", "get");
            assertSelects("tcp.port in {1..100}", "get");
            assertSelects("tcp.port in {444..44643}");
            assertSelects("tcp.port in {444..49999}", "syn");
            assertSelects("tcp.port in {443 .. 443, 80}", "syn", "get");
            assertSelects("udp.port in {53, 546..547}", "dns", "v6");
            assertSelects("dns.qry.name in {\"a\", \"www.example.com\"}", "dns");
            assertSelects("dns.qry.name in {\"w\"..\"x\"}", "dns");
            assertSelects("tcp.port in {-1, 80}", "get");
            assertSelects("arp.opcode in {request, reply}", "arp");
        }

        @Test
        void notIn() {
            assertSelects("tcp.port not in {80}", "syn", "dns", "arp", "v6");
            assertSelects("tcp.port !in {80}", "syn", "dns", "arp", "v6");
            assertSelects("!tcp.port in {80}", "syn", "dns", "arp", "v6");
        }
    }

    @Nested
    class Functions {
        @Test
        void lengthAndCount() {
            assertSelects("len(dns.qry.name) == 15", "dns");
            assertSelects("len(eth.src) == 6", "syn", "get", "dns", "arp", "v6");
            assertSelects("len(ipv6.src) == 16", "v6");
            assertSelects("len(tcp.srcport) == 2", "syn", "get");
            assertSelects("count(ip.addr) == 2", "syn", "get", "dns");
            assertSelects("count(tcp.port) == 0");
        }

        @Test
        void caseAndText() {
            assertSelects("upper(dns.qry.name) == \"WWW.EXAMPLE.COM\"", "dns");
            assertSelects("lower(upper(dns.qry.name)) == \"www.example.com\"", "dns");
            assertSelects("string(tcp.dstport) == \"443\"", "syn");
            assertSelects("string(ip.src) == \"10.1.2.3\"", "get");
            assertSelects("string(eth.src) == \"00:1b:21:3a:4b:5c\"", "syn", "get", "dns", "arp", "v6");
            assertSelects("string(ipv6.dst) == \"2001:db8::2\"", "v6");
            assertSelects("string(ip.src) matches \"^192\\\\.\"", "syn", "dns");
        }

        @Test
        void extremesAndAbsolute() {
            assertSelects("max(tcp.srcport, tcp.dstport) == 50000", "get");
            assertSelects("min(tcp.port) == 80", "get");
            assertSelects("max(dns.qry.name) == \"www.example.com\"", "dns");
            assertSelects("abs(-tcp.dstport) == 443", "syn");
        }
    }

    @Nested
    class Layers {
        @Test
        void aLayerIsAnOccurrence() {
            assertSelects("ip.src#1 == 10.1.2.3", "get");
            assertSelects("ip.src#2 == 10.1.2.3");
            assertSelects("ip.addr#1 == 10.9.8.7", "get");
            assertSelects("ip.src#[1-2] == 10.1.2.3", "get");
            assertSelects("ip.src#[-1] == 10.1.2.3", "get");
        }

        @Test
        void referencesHaveNoValueWithoutAMarkedPacket() {
            assertSelects("tcp.port == ${tcp.port}");
            assertSelects("!(tcp.port == ${tcp.port}) && tcp", "syn", "get");
        }
    }

    @Nested
    class Compilation {
        /** The filters the CLI's conformance run takes to tshark (../shared/corpus/filters.txt). */
        @Test
        void everyFilterOfTheCorpusListCompiles() throws IOException {
            List<String> filters = Files.readAllLines(CorpusPackets.corpus().resolve("filters.txt")).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            assertThat(filters).hasSizeGreaterThanOrEqualTo(78);
            for (String filter : filters) {
                assertThat(selected(filter)).as(filter).isNotNull();
            }
        }

        @Test
        void fieldsAreListedOnceInOrder() throws FilterException {
            DisplayFilter filter = DisplayFilter.compile("tcp.port == 443 && ip.len > 100 || tcp.port in {80} && len(eth.src) == 6");
            assertThat(filter.fields()).extracting(FieldDef::name).containsExactly("tcp.port", "ip.len", "eth.src");
            assertThat(filter.text()).isEqualTo("tcp.port == 443 && ip.len > 100 || tcp.port in {80} && len(eth.src) == 6");
        }

        @Test
        void errorsSayWhereTheyAre() {
            FilterException e = refused("ip.src == \"abc\"");
            assertThat(e.getMessage()).isEqualTo("IPv4 address cannot be converted from a string (\"abc\").");
            assertThat(e.position()).isEqualTo(10);
            assertThat(e.length()).isEqualTo(5);
            assertThat(e.filter()).isEqualTo("ip.src == \"abc\"");
            assertThat(e.formatted()).isEqualTo("""
                    IPv4 address cannot be converted from a string ("abc").
                        ip.src == "abc"
                                  ^~~~~""");
            FilterException end = refused("tcp.port ==");
            assertThat(end.position()).isEqualTo(-1);
            assertThat(end.formatted()).isEqualTo("Unexpected end of filter expression.");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "tcp.prot|tcp.prot is neither a field nor a protocol name.",
                "tcp.prot == 1|Left side of \"==\" expression must be a field or function, not tcp.prot.",
                "tcp.port contains 80|tcp.port (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.",
                "ip.src == foo|\"foo\" is not a valid hostname or IPv4 address.",
                "tcp.port == 65536|\"65536\" too big for this field, maximum 65535.",
                "eth.src == 00:1b|\"00:1b\" contains too few bytes to be a valid Ethernet address.",
                "foo(tcp.port) == 1|Function 'foo' does not exist",
                "len(tcp.port, tcp.port) == 1|Function len can only accept 1 arguments.",
                "tcp.port[0] == 0|\"tcp.port\" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.",
                "(tcp|Unexpected end of filter expression.",
                "tcp)|\")\" was unexpected in this context.",
                "frame[0:-1] == 00|Range 0:-1 isn't valid because length -1 isn't positive",
                "dns.qry.name matches \"(\"|Regex compilation error: missing closing parenthesis.",
        })
        void refusesWithTsharksWords(String filter, String message) {
            assertThat(refused(filter).getMessage()).isEqualTo(message);
        }

        @ParameterizedTest
        @ValueSource(ints = {257, 1_000, 100_000})
        void nestingIsBounded(int depth) {
            for (String deep : new String[] {"(".repeat(depth) + "tcp" + ")".repeat(depth), "!".repeat(depth) + "tcp",
                    "tcp.port == " + "{".repeat(depth) + "1" + "}".repeat(depth), "tcp.port" + " + 1".repeat(depth) + " == 1",
                    "len(".repeat(depth) + "tcp" + ")".repeat(depth) + " == 1", "-".repeat(depth) + "tcp.port == 1"}) {
                assertThatThrownBy(() -> DisplayFilter.compile(deep)).isInstanceOf(FilterException.class);
            }
            assertThat(refused("(".repeat(depth) + "tcp" + ")".repeat(depth)).getMessage())
                    .isEqualTo("The filter is nested too deeply (more than 256 levels).");
        }

        @Test
        void nestingUpToTheBoundCompiles() {
            assertSelects("(".repeat(250) + "tcp" + ")".repeat(250), "syn", "get");
            assertSelects("!".repeat(250) + "tcp", "syn", "get");
        }
    }
}
