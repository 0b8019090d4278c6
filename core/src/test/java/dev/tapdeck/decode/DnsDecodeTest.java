package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** DNS (RFC 1035) over UDP and TCP, mDNS (RFC 6762) and LLMNR (RFC 4795). */
class DnsDecodeTest {
    private final TestDecoder decoder = new TestDecoder();

    private Dissection decodeUdp(int sourcePort, int destinationPort, byte[] message) {
        return decoder.decode(LinkTypes.ETHERNET, udpFrame(sourcePort, destinationPort, message));
    }

    private static byte[] udpFrame(int sourcePort, int destinationPort, byte[] message) {
        return ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.53", PROTO_UDP)
                .wrap(udp(sourcePort, destinationPort, message)));
    }

    private static String questionName(Dissection d, int index) {
        StringBuilder out = new StringBuilder();
        d.dns.appendQuestionName(index, out);
        return out.toString();
    }

    @Test
    void queryHeaderAndQuestion() {
        byte[] query = dns(0x1a2b, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("www.example.com", Dns.TYPE_A).toBytes();
        Dissection d = decodeUdp(53000, 53, query);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:dns");
        DnsMessage dns = d.dns;
        assertThat(dns.present()).isTrue();
        assertThat(dns.id()).isEqualTo(0x1a2b);
        assertThat(dns.isResponse()).isFalse();
        assertThat(dns.opcode()).isZero();
        assertThat(dns.questionCount()).isEqualTo(1);
        assertThat(dns.answerCount()).isZero();
        assertThat(dns.questionsDecoded()).isEqualTo(1);
        assertThat(dns.questionType(0)).isEqualTo(Dns.TYPE_A);
        assertThat(questionName(d, 0)).isEqualTo("www.example.com");
        assertThat(d.malformed()).isFalse();

        JsonNode json = decoder.json();
        assertThat(json.get("dns.id").asInt()).isEqualTo(0x1a2b);
        assertThat(json.get("dns.flags.response").asBoolean()).isFalse();
        assertThat(json.get("dns.qry.name").toString()).isEqualTo("[\"www.example.com\"]");
        assertThat(decoder.protocol()).isEqualTo("DNS");
        assertThat(decoder.info()).isEqualTo("Standard query 0x1a2b A www.example.com");
    }

    @Test
    void responseWithCompressedAnswerNames() {
        // Question at 12: www.example.com AAAA. Answer 1: pointer to it, CNAME to "web" + pointer
        // to "example.com" (offset 16). Answer 2: pointer to that CNAME target, an AAAA record.
        Dns message = dns(0xbeef, Dns.FLAGS_RESPONSE, 1, 2, 0, 0).question("www.example.com", Dns.TYPE_AAAA);
        message.pointer(12);
        int cnameTarget = message.position() + 10;
        message.record(Dns.TYPE_CNAME, 300, new Writer().u8(3).bytes(ascii("web")).u16(0xc000 | 16).toBytes());
        message.pointer(cnameTarget).record(Dns.TYPE_AAAA, 60, ip6("2001:db8::80"));
        Dissection d = decodeUdp(53, 53000, message.toBytes());

        assertThat(d.dns.isResponse()).isTrue();
        assertThat(d.dns.answerCount()).isEqualTo(2);
        assertThat(questionName(d, 0)).isEqualTo("www.example.com");
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("dns.flags.response").asBoolean()).isTrue();
        assertThat(json.get("dns.qry.name").toString()).isEqualTo("[\"www.example.com\"]");
        assertThat(decoder.info()).startsWith("Standard query response 0xbeef AAAA www.example.com");
    }

    @Test
    void compressedQuestionNames() {
        // The second question is "mail" and a pointer to "example.com" inside the first (offset 12 + 4).
        Dns message = dns(0x0102, Dns.FLAGS_QUERY, 2, 0, 0, 0).question("www.example.com", Dns.TYPE_A);
        message.labels("mail").pointer(16).typeAndClass(Dns.TYPE_AAAA);
        Dissection d = decodeUdp(53000, 53, message.toBytes());

        assertThat(d.dns.questionsDecoded()).isEqualTo(2);
        assertThat(questionName(d, 1)).isEqualTo("mail.example.com");
        assertThat(d.dns.questionType(1)).isEqualTo(Dns.TYPE_AAAA);
        assertThat(decoder.json().get("dns.qry.name").toString()).isEqualTo("[\"www.example.com\",\"mail.example.com\"]");
        assertThat(decoder.info()).isEqualTo("Standard query 0x0102 A www.example.com AAAA mail.example.com");
    }

    @Test
    @Timeout(5)
    void pointerToItselfStops() {
        // The question's name is a pointer to its own offset (12).
        byte[] message = dns(0x0bad, Dns.FLAGS_QUERY, 1, 0, 0, 0).pointer(12).typeAndClass(Dns.TYPE_A).toBytes();
        Dissection d = decodeUdp(53000, 53, message);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:dns");
        assertThat(d.malformed()).isFalse();
        assertThat(d.dns.questionsDecoded()).isEqualTo(1);
        assertThat(questionName(d, 0)).isEqualTo("<Name contains a pointer that loops>");
        assertThat(decoder.json().get("dns.id").asInt()).isEqualTo(0x0bad);
        assertThat(decoder.info()).isEqualTo("Standard query 0x0bad A <Name contains a pointer that loops>");
    }

    @Test
    @Timeout(5)
    void pointerLoopThroughALabelStops() {
        // "abc" then a pointer back to "abc": the name never ends.
        byte[] message = dns(0x0bad, Dns.FLAGS_QUERY, 1, 0, 0, 0).labels("abc").pointer(12).typeAndClass(Dns.TYPE_A).toBytes();
        Dissection d = decodeUdp(53000, 53, message);

        assertThat(d.dns.questionsDecoded()).isEqualTo(1);
        assertThat(d.malformed()).isFalse();
        assertThat(questionName(d, 0)).isEqualTo("<Name contains a pointer that loops>");
        assertThat(decoder.json().get("dns.qry.name").toString()).isEqualTo("[\"<Name contains a pointer that loops>\"]");
    }

    @Test
    void rootName() {
        // A query for the root's NS records (priming query, RFC 8109).
        byte[] message = dns(0x0002, Dns.FLAGS_QUERY, 1, 0, 0, 0).root().typeAndClass(2).toBytes();
        Dissection d = decodeUdp(53000, 53, message);

        assertThat(questionName(d, 0)).isEqualTo("<Root>");
        assertThat(decoder.json().get("dns.qry.name").toString()).isEqualTo("[\"<Root>\"]");
        assertThat(decoder.info()).isEqualTo("Standard query 0x0002 NS <Root>");
    }

    @Test
    void errorResponse() {
        byte[] message = dns(0x4444, 0x8183, 1, 0, 0, 0).question("nonexistent.example", Dns.TYPE_A).toBytes();
        Dissection d = decodeUdp(53, 53000, message);

        assertThat(d.dns.responseCode()).isEqualTo(3);
        assertThat(decoder.info()).startsWith("Standard query response 0x4444 No such name A nonexistent.example");
    }

    @Test
    void answerCutBySnapLengthIsShort() {
        Dns message = dns(0x5555, Dns.FLAGS_RESPONSE, 1, 1, 0, 0).question("example.com", Dns.TYPE_A);
        message.pointer(12).record(Dns.TYPE_A, 300, ip("93.184.216.34"));
        byte[] frame = udpFrame(53, 53000, message.toBytes());
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, frame.length - 6);

        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(d.dns.id()).isEqualTo(0x5555);
        assertThat(questionName(d, 0)).isEqualTo("example.com");
        JsonNode json = decoder.json();
        assertThat(json.get("dns.qry.name").toString()).isEqualTo("[\"example.com\"]");
        assertThat(json.get("_ws.short").asBoolean()).isTrue();
        assertThat(json.has("_ws.malformed")).isFalse();
        assertThat(decoder.info()).endsWith(" [Packet size limited during capture]");
    }

    @Test
    void answerBeyondTheDatagramIsMalformed() {
        // The header counts an answer that the UDP datagram does not hold in full.
        Dns message = dns(0x5555, Dns.FLAGS_RESPONSE, 1, 1, 0, 0).question("example.com", Dns.TYPE_A);
        message.pointer(12).record(Dns.TYPE_A, 300, ip("93.184.216.34"));
        byte[] whole = message.toBytes();
        Dissection d = decodeUdp(53, 53000, Arrays.copyOf(whole, whole.length - 6));

        assertThat(d.malformed()).isTrue();
        assertThat(d.dns.id()).isEqualTo(0x5555);
        assertThat(decoder.json().get("dns.qry.name").toString()).isEqualTo("[\"example.com\"]");
        assertThat(decoder.json().get("_ws.malformed").asBoolean()).isTrue();
    }

    @Test
    void questionCountWithoutQuestionsIsMalformed() {
        byte[] message = dns(0x6666, Dns.FLAGS_QUERY, 1, 0, 0, 0).toBytes();
        Dissection d = decodeUdp(53000, 53, message);

        assertThat(d.malformed()).isTrue();
        assertThat(d.dns.questionsDecoded()).isZero();
        assertThat(decoder.json().has("dns.qry.name")).isFalse();
        assertThat(decoder.json().get("dns.id").asInt()).isEqualTo(0x6666);
    }

    @Test
    void headerCutBySnapLength() {
        byte[] frame = udpFrame(53000, 53, dns(0x7777, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("example.com", 1).toBytes());
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 20 + 8 + 6);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:dns");
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.json().has("dns.qry.name")).isFalse();
    }

    @Test
    void overTcpWithTheLengthPrefix() {
        byte[] message = dns(0x8888, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("example.net", Dns.TYPE_AAAA).toBytes();
        byte[] payload = concat(new Writer().u16(message.length).toBytes(), message);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.53", PROTO_TCP)
                .wrap(tcp(41000, 53).flags(TcpHeader.PSH | TcpHeader.ACK).wrap(payload))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:dns");
        assertThat(d.dns.id()).isEqualTo(0x8888);
        assertThat(questionName(d, 0)).isEqualTo("example.net");
        assertThat(d.tcp.payloadLength()).isEqualTo(payload.length);
        assertThat(decoder.json().get("dns.qry.name").toString()).isEqualTo("[\"example.net\"]");
        assertThat(decoder.info()).isEqualTo("Standard query 0x8888 AAAA example.net");
    }

    @Test
    void multicastDns() {
        byte[] message = dns(0, 0, 1, 0, 0, 0).question("_services._dns-sd._udp.local", Dns.TYPE_PTR).toBytes();
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("192.0.2.1", "224.0.0.251", PROTO_UDP).ttl(255).wrap(udp(5353, 5353, message))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:mdns");
        assertThat(d.dns.questionType(0)).isEqualTo(Dns.TYPE_PTR);
        JsonNode json = decoder.json();
        assertThat(json.get("dns.id").asInt()).isZero();
        assertThat(json.get("dns.qry.name").toString()).isEqualTo("[\"_services._dns-sd._udp.local\"]");
        assertThat(decoder.protocol()).isEqualTo("MDNS");
        assertThat(decoder.info()).startsWith("Standard query 0x0000 PTR _services._dns-sd._udp.local");
    }

    @Test
    void llmnr() {
        byte[] message = dns(0x9999, 0, 1, 0, 0, 0).question("printer", Dns.TYPE_A).toBytes();
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("192.0.2.1", "224.0.0.252", PROTO_UDP).ttl(1).wrap(udp(61000, 5355, message))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:llmnr");
        assertThat(d.dns.id()).isEqualTo(0x9999);
        assertThat(decoder.json().get("dns.qry.name").toString()).isEqualTo("[\"printer\"]");
        assertThat(decoder.protocol()).isEqualTo("LLMNR");
    }

    @Test
    void dnsOnAnotherUdpPortIsNotGuessed() {
        byte[] message = dns(0x1a2b, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("www.example.com", Dns.TYPE_A).toBytes();
        Dissection d = decodeUdp(53000, 5300, message);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:data");
        assertThat(d.dns.present()).isFalse();
    }

    @Test
    void questionTypesStayWithTheirNamesPastTheQuestionLimit() {
        // Twenty questions a.example .. t.example with types 1..20: more than the decoder keeps.
        int count = 20;
        Dns message = dns(0x0003, Dns.FLAGS_QUERY, count, 0, 0, 0);
        for (int i = 0; i < count; i++) {
            message.question((char) ('a' + i) + ".example", i + 1);
        }
        Dissection d = decodeUdp(53000, 53, message.toBytes());

        assertThat(d.malformed()).isFalse();
        int kept = d.dns.questionsDecoded();
        assertThat(kept).isPositive().isLessThanOrEqualTo(count);
        for (int i = 0; i < kept; i++) {
            assertThat(questionName(d, i)).isEqualTo((char) ('a' + i) + ".example");
            assertThat(d.dns.questionType(i)).as("type of question %d", i).isEqualTo(i + 1);
        }
    }

    @Test
    void questionWhoseTypeIsCutIsNotShown() {
        byte[] frame = udpFrame(53000, 53, dns(0x0004, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("example.com", Dns.TYPE_A).toBytes());

        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, frame.length - 3);
        assertThat(d.truncated()).isTrue();
        assertThat(d.dns.questionsDecoded()).isZero();
        assertThat(decoder.json().has("dns.qry.name")).isFalse();
        assertThat(decoder.json().get("dns.id").asInt()).isEqualTo(4);

        d = decoder.decode(LinkTypes.ETHERNET, frame, frame.length - 3, frame.length - 3);
        assertThat(d.malformed()).isTrue();
        assertThat(decoder.json().has("dns.qry.name")).isFalse();
    }

    @Test
    void pointerOutsideTheMessageIsMalformed() {
        byte[] message = dns(0x0bad, Dns.FLAGS_QUERY, 1, 0, 0, 0).labels("abc").pointer(0x3fff).typeAndClass(Dns.TYPE_A).toBytes();
        Dissection d = decodeUdp(53000, 53, message);

        assertThat(d.malformed()).isTrue();
        assertThat(d.dns.questionsDecoded()).isZero();
        assertThat(decoder.json().has("dns.qry.name")).isFalse();
        assertThat(decoder.json().get("dns.id").asInt()).isEqualTo(0x0bad);
    }

    @Test
    void pointerIntoBytesTheSnapLengthCutIsShort() {
        // The question's name ends with a pointer into the answer's data, which the capture lacks.
        Dns message = dns(0x0001, Dns.FLAGS_RESPONSE, 1, 1, 0, 0).labels("abc");
        int answerData = 12 + 4 + 2 + 4 + 2 + 10;
        message.pointer(answerData).typeAndClass(Dns.TYPE_A);
        message.pointer(12).record(16, 60, concat(bytes(7), ascii("example"), bytes(0)));
        byte[] frame = udpFrame(53, 53000, message.toBytes());
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, frame.length - 4);

        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.json().has("dns.qry.name")).isFalse();
    }

    @Test
    void forwardPointerIsFollowed() {
        // The question's name is a pointer to a name in the answer's data.
        Dns message = dns(0x0001, Dns.FLAGS_RESPONSE, 1, 1, 0, 0).pointer(12 + 2 + 4 + 2 + 10).typeAndClass(Dns.TYPE_A);
        message.pointer(12).record(Dns.TYPE_CNAME, 60, concat(bytes(3), ascii("fwd"), bytes(0)));
        Dissection d = decodeUdp(53, 53000, message.toBytes());

        assertThat(d.malformed()).isFalse();
        assertThat(questionName(d, 0)).isEqualTo("fwd");
    }

    @Test
    void answerNamePointingOutsideTheMessageIsMalformed() {
        Dns message = dns(0x0001, Dns.FLAGS_RESPONSE, 1, 1, 0, 0).question("example.com", Dns.TYPE_A);
        message.pointer(0x3ff0).record(Dns.TYPE_A, 60, ip("192.0.2.9"));
        Dissection d = decodeUdp(53, 53000, message.toBytes());

        assertThat(d.malformed()).isTrue();
        assertThat(decoder.json().get("dns.qry.name").toString()).isEqualTo("[\"example.com\"]");
    }

    /** Label types 0x40 (extended, RFC 2671) and 0x80 are not in use: tshark calls the packet malformed. */
    @ParameterizedTest(name = "label byte {0}")
    @ValueSource(ints = {0x81, 0x42})
    void reservedLabelTypesAreMalformed(int labelByte) {
        byte[] message = dns(0x0001, Dns.FLAGS_QUERY, 1, 0, 0, 0).raw(labelByte, 'a', 'b').root().typeAndClass(Dns.TYPE_A).toBytes();
        Dissection d = decodeUdp(53000, 53, message);

        assertThat(d.malformed()).isTrue();
        assertThat(decoder.json().has("dns.qry.name")).isFalse();
    }

    @Test
    void twoPointersToEachOtherAreALoop() {
        byte[] message = dns(0x0001, Dns.FLAGS_QUERY, 1, 0, 0, 0).pointer(14).pointer(12).typeAndClass(Dns.TYPE_A).toBytes();
        Dissection d = decodeUdp(53000, 53, message);

        assertThat(d.malformed()).isFalse();
        assertThat(questionName(d, 0)).isEqualTo("<Name contains a pointer that loops>");
    }

    /** tshark shows names of up to 253 characters (255 octets on the wire) and calls longer ones too long. */
    @ParameterizedTest(name = "last label {0} bytes")
    @CsvSource({"61, 253, false", "62, 254, true"})
    void nameLengthLimit(int lastLabel, int textLength, boolean tooLong) {
        Dns message = dns(0x0001, Dns.FLAGS_QUERY, 1, 0, 0, 0)
                .label(ascii("b".repeat(63))).label(ascii("c".repeat(63))).label(ascii("d".repeat(63)))
                .label(ascii("e".repeat(lastLabel))).root().typeAndClass(Dns.TYPE_A);
        Dissection d = decodeUdp(53000, 53, message.toBytes());

        assertThat(d.malformed()).isFalse();
        String expected = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "." + "e".repeat(lastLabel);
        assertThat(expected).hasSize(textLength);
        assertThat(questionName(d, 0)).isEqualTo(tooLong ? "<Name too long>" : expected);
    }

    @Test
    void unprintableLabelBytesAreEscaped() {
        Dns message = dns(0x0001, Dns.FLAGS_QUERY, 1, 0, 0, 0)
                .label(bytes(0x01, 'a', 0x09, 'b', 0x00, 0x1b, 0x7f)).label(ascii("example")).root().typeAndClass(Dns.TYPE_A);
        Dissection d = decodeUdp(53000, 53, message.toBytes());

        assertThat(questionName(d, 0)).isEqualTo("\\001a\\tb\\000\\033\\177.example");
        assertThat(decoder.json().get("dns.qry.name").get(0).asText()).isEqualTo("\\001a\\tb\\000\\033\\177.example");
    }

    @Test
    void dotsBackslashesAndQuotesInALabelAreKept() {
        Dns message = dns(0x0001, Dns.FLAGS_QUERY, 1, 0, 0, 0).label(ascii("a.b\\c\"d e")).root().typeAndClass(Dns.TYPE_A);
        Dissection d = decodeUdp(53000, 53, message.toBytes());

        assertThat(questionName(d, 0)).isEqualTo("a.b\\c\"d e");
        assertThat(decoder.json().get("dns.qry.name").get(0).asText()).isEqualTo("a.b\\c\"d e");
    }

    /**
     * Multicast DNS names are UTF-8 (RFC 6762 §16). tshark shows valid UTF-8 as text, each
     * malformed sequence as one U+FFFD, and characters that are not printable as \\uXXXX.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "c3a9|é",                 // U+00E9
            "e282ac|€",               // U+20AC
            "f09f9880|\uD83D\uDE00",  // U+1F600, outside the BMP
            "c2a0|\u00A0",            // no-break space: printable
            "80|\uFFFD",              // a lone continuation byte
            "c361|\uFFFDa",           // a lead byte without its continuation
            "e282|\uFFFD",            // a sequence cut by the label's end
            "eda080|\uFFFD",          // a UTF-16 surrogate
            "f4908080|\uFFFD",        // past U+10FFFF
            "f861|\uFFFDa",           // not a lead byte
            "c2ad|\\u00AD",           // soft hyphen: a format character
            "c285|\\u0085",           // a C1 control
            "efbfbf|\\uFFFF",         // a noncharacter
            "f3a08081|\\U000E0001"})  // language tag: a format character outside the BMP
    void utf8InLabels(String hex, String shown) {
        byte[] label = java.util.HexFormat.of().parseHex(hex);
        Dns message = dns(0x0001, Dns.FLAGS_QUERY, 1, 0, 0, 0).label(label).label(ascii("local")).root().typeAndClass(Dns.TYPE_A);
        Dissection d = decodeUdp(5353, 5353, message.toBytes());

        assertThat(questionName(d, 0)).isEqualTo(shown + ".local");
        assertThat(decoder.json().get("dns.qry.name").get(0).asText()).isEqualTo(shown + ".local");
    }

    @Test
    void utf8SequenceSplitAcrossLabelsIsTwoMalformedSequences() {
        Dns message = dns(0x0001, Dns.FLAGS_QUERY, 1, 0, 0, 0).label(bytes(0xc3)).label(bytes(0xa9)).root().typeAndClass(Dns.TYPE_A);
        Dissection d = decodeUdp(53000, 53, message.toBytes());

        assertThat(questionName(d, 0)).isEqualTo("\uFFFD.\uFFFD");
    }

    /** Without reassembly, a message longer than its segment is decoded as far as the segment goes. */
    @Test
    void overTcpMessageContinuingInTheNextSegment() {
        byte[] message = dns(0x8888, Dns.FLAGS_RESPONSE, 1, 0, 0, 0).question("example.net", Dns.TYPE_A).toBytes();
        // The length prefix announces 256 bytes; the segment holds the first 29.
        Dissection d = decodeTcp(concat(bytes(0x01, 0x00), message));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:dns");
        assertThat(d.malformed()).isFalse();
        assertThat(questionName(d, 0)).isEqualTo("example.net");

        // The segment ends inside the question's name, then inside the header, then inside the length.
        for (byte[] part : new byte[][] {Arrays.copyOf(message, 18), Arrays.copyOf(message, 6), new byte[0]}) {
            byte[] payload = part.length == 0 ? bytes(0x00) : concat(bytes(0x00, 40), part);
            d = decodeTcp(payload);

            assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:dns");
            assertThat(d.malformed()).as("%d bytes", payload.length).isFalse();
            assertThat(d.truncated()).isFalse();
            assertThat(d.dns.questionsDecoded()).isZero();
        }
    }

    private Dissection decodeTcp(byte[] payload) {
        return decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.53", "192.0.2.1", PROTO_TCP)
                .wrap(tcp(53, 41000).flags(TcpHeader.PSH | TcpHeader.ACK).wrap(payload))));
    }
}
