package dev.tapdeck.explain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The offline explanation of one real packet per protocol and situation, compared exactly with
 * a text reviewed by hand (src/test/resources/golden). A text that differs is written to
 * target/golden-actual for review; a golden is only ever replaced after reading it.
 */
class OfflineExplainerGoldenTest {

    @ParameterizedTest(name = "{0}: {1} frame {2}")
    @CsvSource({
            "arp-request,              packetnet-arp_request_response.pcap, 1",
            "arp-reply,                packetnet-arp_request_response.pcap, 2",
            "tcp-syn,                  dpkt-http.pcap,                      1",
            "tcp-syn-ack,              dpkt-http.pcap,                      2",
            "tcp-handshake-ack,        dpkt-http.pcap,                      3",
            "http-request,             dpkt-http.pcap,                      4",
            "http-response,            dpkt-http.pcap,                      6",
            "tcp-retransmission,       dpkt-http.pcap,                      36",
            "tcp-fin,                  dpkt-http.pcap,                      40",
            "ipv6-tcp-syn-ack,         pcpp-four_ipv6_http_streams.pcap,    2",
            "dns-query,                dpkt-dns_icmp.pcap,                  23",
            "dns-answer,               dpkt-dns_icmp.pcap,                  24",
            "dns-nxdomain,             pcpp-DNS_NXDomain.pcap,              1",
            "icmp-echo-request,        dpkt-dns_icmp.pcap,                  3",
            "icmp-echo-reply,          dpkt-dns_icmp.pcap,                  4",
            "icmp-port-unreachable,    tcpreplay-test.pcap,                 51",
            "icmpv6-echo-request,      pcpp-ICMPv6_echos.cap,               1",
            "icmpv6-neighbor-solicit,  packetnet-ipv6_ndp.pcap,             1",
            "ipv6-udp,                 pcpp-ipv6_options.pcap,              6",
            "tls-client-hello,         pcpp-tls.pcap,                       9",
            "tcp-malformed,            pcpp-tcp-malformed.pcap,             1",
            "http-snaplen-cut,         derived-http-snaplen96.pcap,         4",
    })
    void explainsLikeTheReviewedText(String name, String capture, long frame) throws IOException {
        String actual = new OfflineExplainer().explainPacket(frame, FilePacketContext.around(Corpus.capture(capture), frame)).text();
        assertGolden(name, actual);
    }

    static void assertGolden(String name, String actual) throws IOException {
        String expected;
        try (InputStream in = OfflineExplainerGoldenTest.class.getResourceAsStream("/golden/" + name + ".md")) {
            expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(expected)) {
            Path review = Path.of("target", "golden-actual", name + ".md");
            Files.createDirectories(review.getParent());
            Files.writeString(review, actual);
            if (expected == null) {
                fail("no reviewed text golden/" + name + ".md; this run's text is in " + review.toAbsolutePath());
            }
        }
        assertThat(actual).as("explanation %s (this run's text: target/golden-actual)", name).isEqualTo(expected);
    }
}
