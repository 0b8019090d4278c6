package dev.tapdeck.stream.message;

import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamFactsAccess;
import dev.tapdeck.stream.StreamMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message decoders over real corpus payloads, cut at every possible place: however the
 * segments split a message, it decodes the same, and completes with the segment that brings
 * its last byte. Past its first 4 KiB, a long message is cut at every 61st byte, and at
 * each of its last 256.
 */
class StreamMessagesTest {
    /** Feeds {@code bytes} from one side in the given chunks, chunk i carried by frame i + 1; returns the messages with their frames. */
    private static List<StreamMessage> feed(int serverPort, boolean fromClient, byte[] bytes, int... cuts) {
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
        messages.before(fromClient ? 40000 : serverPort, fromClient ? serverPort : 40000, false);
        List<StreamMessage> all = new ArrayList<>();
        StreamFacts facts = new StreamFacts();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : bytes.length;
            messages.data(true, 0, fromClient, i + 1, (i + 1) * 1_000_000L, bytes, from, to - from);
            StreamFactsAccess.track(facts, 0);
            messages.after(facts);
            all.addAll(facts.messages());
            from = to;
        }
        return all;
    }

    /** Every field of a message's layers, each name with its values in tree order. */
    static Map<String, List<String>> fields(StreamMessage message) {
        Map<String, List<String>> out = new TreeMap<>();
        collect(message.layers(), out);
        return out;
    }

    private static void collect(List<DetailNode> nodes, Map<String, List<String>> out) {
        for (DetailNode node : nodes) {
            if (!node.name().isEmpty() && node.value() != null) {
                out.computeIfAbsent(node.name(), n -> new ArrayList<>()).add(node.value());
            }
            collect(node.children(), out);
        }
    }

    private static void assertSameAtEveryCut(int serverPort, boolean fromClient, byte[] bytes, List<Map<String, List<String>>> whole, int[] messageEnds) {
        for (int cut = 1; cut < bytes.length; cut += cut < 4096 || bytes.length - cut < 256 ? 1 : 61) {
            List<StreamMessage> split = feed(serverPort, fromClient, bytes, cut);
            assertThat(split).as("messages when cut at %d", cut).hasSize(whole.size());
            for (int m = 0; m < split.size(); m++) {
                assertThat(fields(split.get(m))).as("message %d cut at %d", m, cut).isEqualTo(whole.get(m));
                assertThat(split.get(m).frame()).as("frame completing message %d cut at %d", m, cut).isEqualTo(messageEnds[m] <= cut ? 1 : 2);
            }
        }
    }

    @Test
    void httpResponseDecodesTheSameWhereverTheSegmentsCutIt() throws IOException {
        CorpusPayloads stream = CorpusPayloads.of("dpkt-http.pcap", 3372, 80);
        List<StreamMessage> whole = feed(80, false, stream.server());
        assertThat(whole).hasSize(1);
        Map<String, List<String>> response = fields(whole.getFirst());
        assertThat(response).containsEntry("http.response.code", List.of("200"))
                .containsEntry("http.response.phrase", List.of("OK"))
                .containsEntry("http.content_length", List.of("18070"))
                .containsEntry("http.content_type", List.of("text/html; charset=ISO-8859-1"));
        assertSameAtEveryCut(80, false, stream.server(), List.of(response), new int[] {stream.server().length});
    }

    @Test
    void byteAtATimeGivesTheSameMessages() throws IOException {
        CorpusPayloads stream = CorpusPayloads.of("dpkt-http.pcap", 3371, 80);
        byte[] request = stream.client();
        int[] everyByte = new int[request.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        List<StreamMessage> messages = feed(80, true, request, everyByte);
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().frame()).isEqualTo(request.length);
        assertThat(fields(messages.getFirst())).containsEntry("http.request.method", List.of("GET"))
                .containsEntry("http.host", List.of("pagead2.googlesyndication.com"));
    }

    @Test
    void pipelinedRequestsInOneSegmentAreEachAMessage() {
        byte[] two = ("GET /a HTTP/1.1\r\nHost: h\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyz"
                + "GET /c HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<StreamMessage> messages = feed(80, true, two);
        assertThat(messages).extracting(m -> fields(m).get("http.request.uri")).containsExactly(List.of("/a"), List.of("/b"), List.of("/c"));
        assertThat(fields(messages.get(2))).containsEntry("http.request_number", List.of("3"))
                .containsEntry("http.request.full_uri", List.of("http://h/c"));
    }

    @Test
    void chunkedBodyEndsWithItsLastChunkWhereverCut() {
        byte[] response = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                + "5\r\nhello\r\n1a;ext=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<StreamMessage> whole = feed(80, false, response);
        assertThat(whole).extracting(m -> fields(m).get("http.response.code")).containsExactly(List.of("200"), List.of("304"));
        int firstEnd = new String(response, StandardCharsets.US_ASCII).indexOf("HTTP/1.1 304");
        assertSameAtEveryCut(80, false, response, whole.stream().map(StreamMessagesTest::fields).toList(), new int[] {firstEnd, response.length});
    }

    @Test
    void responsesArePairedWithTheirRequestsInOrder() {
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
        messages.before(40000, 80, false);
        StreamFacts facts = new StreamFacts();
        byte[] requests = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /2 HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] responses = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        messages.data(true, 0, true, 4, 1_000_000_000L, requests, 0, requests.length);
        StreamFactsAccess.track(facts, 0);
        messages.after(facts);
        messages.data(true, 0, false, 7, 1_250_000_000L, responses, 0, responses.length);
        StreamFactsAccess.track(facts, 0);
        messages.after(facts);
        // The HEAD's response has no body, whatever its Content-Length says (RFC 9110 §9.3.2).
        assertThat(facts.messages()).hasSize(2);
        assertThat(fields(facts.messages().get(1))).containsEntry("http.request_in", List.of("4"))
                .containsEntry("http.time", List.of("0.250000000"))
                .containsEntry("http.prev_response_in", List.of("7"))
                .containsEntry("http.response_for.uri", List.of("http://h/2"));
    }

    @Test
    void clientHelloSplitAnywhereStillGivesSniAlpnAndFingerprints() throws IOException {
        CorpusPayloads stream = CorpusPayloads.of("pcpp-tls.pcap", 55305, 443);
        byte[] hello = CorpusPayloads.slice(stream.client(), 0, 5 + ((stream.client()[3] & 0xff) << 8 | (stream.client()[4] & 0xff)));
        List<StreamMessage> whole = feed(443, true, hello);
        assertThat(whole).hasSize(1);
        Map<String, List<String>> fields = fields(whole.getFirst());
        assertThat(fields).containsEntry("tls.handshake.type", List.of("1"))
                .containsEntry("tls.handshake.extensions_server_name", List.of("ssl.gstatic.com"))
                .containsEntry("tls.handshake.extensions_alpn_str", List.of("spdy/3.1", "spdy/3", "http/1.1"))
                .containsEntry("tls.handshake.ja3", List.of("8fbbd0f3c1f089979b04b8f8f1b21d41"));
        assertSameAtEveryCut(443, true, hello, List.of(fields), new int[] {hello.length});
    }

    @Test
    void dnsOverTcpMessagesSplitOrSharingASegment() throws IOException {
        CorpusPayloads stream = CorpusPayloads.of("pcpp-dns_over_tcp.pcapng", 23767, 53);
        byte[] both = new byte[stream.server().length * 2];
        System.arraycopy(stream.server(), 0, both, 0, stream.server().length);
        System.arraycopy(stream.server(), 0, both, stream.server().length, stream.server().length);
        List<StreamMessage> whole = feed(53, false, both);
        assertThat(whole).hasSize(2);
        Map<String, List<String>> response = fields(whole.getFirst());
        assertThat(response).containsEntry("dns.qry.name", List.of("cole-tech.net")).containsKey("dns.length");
        assertSameAtEveryCut(53, false, both, List.of(response, response), new int[] {stream.server().length, both.length});
    }
}
