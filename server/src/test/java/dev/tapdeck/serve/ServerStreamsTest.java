package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.serve.RunningServer.awaitUntil;
import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Streams through the API and the WebSocket, against a real server replaying a corpus capture. */
@Timeout(120)
class ServerStreamsTest extends ServerTestBase {
    private static final Path HTTP_CAPTURE = Path.of("../../shared/corpus/dpkt-http.pcap");
    private static final int HTTP_PACKETS = 43;

    @Test
    void everyPacketSummaryAndDetailCarriesItsStreamIndexAsTsharkNumbersIt() throws Exception {
        running = new RunningServer();
        RunningServer.Client client = running.connect();
        running.replayWhole(HTTP_CAPTURE);
        awaitUntil("every packet streamed", Duration.ofSeconds(20), () -> client.packetCount() >= HTTP_PACKETS);

        // tshark -r dpkt-http.pcap -T fields -e tcp.stream -e udp.stream
        List<String> expected = new ArrayList<>();
        for (int frame = 1; frame <= HTTP_PACKETS; frame++) {
            expected.add(frame == 13 || frame == 17 ? "udp 0" : List.of(18, 24, 26, 27, 28, 36, 37).contains(frame) ? "tcp 1" : "tcp 0");
        }
        assertThat(client.packets()).extracting(ServerStreamsTest::streamOf).containsExactlyElementsOf(expected);
        JsonNode page = json(running.get("/api/packets?after=0&limit=100"));
        assertThat(page.get("packets")).extracting(ServerStreamsTest::streamOf).containsExactlyElementsOf(expected);

        JsonNode detail = json(running.get("/api/packets/18"));
        assertThat(detail.get("summary").get("tcp.stream").asInt()).isEqualTo(1);
        JsonNode tcp = layer(detail, "tcp");
        assertThat(tcp.get("children")).extracting(node -> node.get("name").asText()).startsWith("tcp.srcport", "tcp.dstport", "tcp.stream");
        JsonNode index = tcp.get("children").get(2);
        assertThat(index.get("label").asText()).isEqualTo("[Stream index: 1]");
        assertThat(index.get("length").asInt()).isZero();
        JsonNode udp = layer(json(running.get("/api/packets/13")), "udp");
        assertThat(udp.get("children")).extracting(node -> node.get("label").asText()).contains("[Stream index: 0]");
    }

    private static String streamOf(JsonNode summary) {
        return summary.has("tcp.stream") ? "tcp " + summary.get("tcp.stream").asInt()
                : summary.has("udp.stream") ? "udp " + summary.get("udp.stream").asInt() : "none";
    }

    private static JsonNode layer(JsonNode detail, String name) {
        for (JsonNode layer : detail.get("layers")) {
            if (layer.get("name").asText().equals(name)) {
                return layer;
            }
        }
        throw new AssertionError("no " + name + " layer in " + detail);
    }

    @Test
    void aStreamHasItsEndsAndCountsAndUnknownStreamsAndBadParametersAreClearErrors() throws Exception {
        running = new RunningServer();
        running.replayWhole(HTTP_CAPTURE);

        JsonNode stream = json(running.get("/api/streams/0"));
        assertThat(stream.get("proto").asText()).isEqualTo("tcp");
        assertThat(stream.get("client").get("address").asText()).isEqualTo("145.254.160.237");
        assertThat(stream.get("client").get("port").asInt()).isEqualTo(3372);
        assertThat(stream.get("server").get("address").asText()).isEqualTo("65.208.228.223");
        assertThat(stream.get("server").get("port").asInt()).isEqualTo(80);
        assertThat(stream.get("client").get("packets").asInt()).isEqualTo(16);
        assertThat(stream.get("server").get("packets").asInt()).isEqualTo(18);
        assertThat(stream.get("firstFrame").asLong()).isEqualTo(1);
        assertThat(stream.get("lastFrame").asLong()).isEqualTo(HTTP_PACKETS);
        JsonNode dns = json(running.get("/api/streams/0?proto=udp"));
        assertThat(dns.get("proto").asText()).isEqualTo("udp");
        assertThat(dns.get("server").get("port").asInt()).isEqualTo(53);

        assertError(running.get("/api/streams/7"), 404, "no such stream");
        assertError(running.get("/api/streams/1/payload?proto=udp"), 404, "no such stream");
        assertError(running.get("/api/streams/x"), 400, "bad number");
        assertError(running.get("/api/streams/-1"), 400, "bad number");
        assertError(running.get("/api/streams/0?proto=sctp"), 400, "bad proto");
        assertError(running.get("/api/streams/0?limit=0"), 400, "bad page");
        assertError(running.get("/api/streams/0/payload?direction=up"), 400, "bad direction");

        HttpResponse<byte[]> payload = running.getBytes("/api/streams/0/payload?direction=client");
        assertThat(payload.statusCode()).isEqualTo(200);
        assertThat(payload.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(payload.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("tcp-stream-0-client.bin"));

        JsonNode status = json(running.get("/api/capture/status"));
        assertThat(status.get("streams").get("memoryLimit").asLong()).isEqualTo(256L << 20);

        JsonNode api = json(running.get("/api/openapi.json"));
        assertThat(api.get("paths").has("/api/streams/{number}")).isTrue();
        assertThat(api.get("paths").get("/api/streams/{number}/payload").get("get").get("summary").asText())
                .contains("application/octet-stream", "direction=client", "in the order they were delivered");
    }

    @Test
    void aClientFollowsAStreamAndIsToldOfUnknownStreamsAndBadRequests() throws Exception {
        running = new RunningServer();
        running.replayWhole(HTTP_CAPTURE);
        RunningServer.Client client = running.connect();
        client.socket.send("{\"type\":\"follow\",\"proto\":\"tcp\",\"stream\":0}");
        awaitUntil("the follow is acknowledged", Duration.ofSeconds(10), () -> !client.ofType("follow").isEmpty());
        JsonNode ack = client.ofType("follow").getFirst();
        assertThat(ack.get("proto").asText()).isEqualTo("tcp");
        assertThat(ack.get("stream").asInt()).isZero();

        client.socket.send("{\"type\":\"follow\",\"proto\":\"tcp\",\"stream\":9}");
        client.socket.send("{\"type\":\"follow\",\"proto\":\"sctp\",\"stream\":0}");
        client.socket.send("{\"type\":\"follow\"}");
        awaitUntil("two errors and the end of following", Duration.ofSeconds(10),
                () -> client.ofType("error").size() == 2 && client.ofType("follow").size() == 2);
        assertThat(client.ofType("error")).extracting(e -> e.get("error").asText()).containsExactly("no such stream", "bad follow");
        assertThat(client.ofType("follow").get(1).get("stream").isNull()).isTrue();
    }

    /** tshark's {@code -z follow,PROTO,raw,N} of a stream: its two nodes and each delivered chunk, the server's indented. */
    private record TsharkFollow(String client, String server, byte[] clientBytes, byte[] serverBytes, byte[] both) {
        static TsharkFollow read(Path file) throws Exception {
            String client = null, server = null;
            ByteArrayOutputStream fromClient = new ByteArrayOutputStream(), fromServer = new ByteArrayOutputStream(), both = new ByteArrayOutputStream();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("Node 0: ")) {
                    client = line.substring(8);
                } else if (line.startsWith("Node 1: ")) {
                    server = line.substring(8);
                } else if (server != null && !line.isEmpty() && !line.startsWith("=")) {
                    byte[] chunk = HexFormat.of().parseHex(line.strip());
                    (line.startsWith("\t") ? fromServer : fromClient).writeBytes(chunk);
                    both.writeBytes(chunk);
                }
            }
            return new TsharkFollow(client, server, fromClient.toByteArray(), fromServer.toByteArray(), both.toByteArray());
        }
    }

    /**
     * Streams tshark follows otherwise, on purpose: L2TP over UDP carrying IPv6, where tshark's
     * follow takes the addresses of the innermost IP header (where dissection ended) with the
     * ports of the outer UDP header, and then keeps only the datagrams whose innermost
     * addresses are those, so it shows the first datagram alone. Tapdeck follows the UDP
     * conversation it numbers, named by the IP header that carries it (client 109.6.1.72
     * here), every datagram of it.
     */
    private static final List<String> TSHARK_FOLLOWS_INNER = List.of("dpkt-nb6-http.pcap.udp.3.txt");

    @Test
    void everyStreamsBytesAreThoseTsharkFollowsSideBySideAndInTheirOrder() throws Exception {
        running = new RunningServer();
        Path expected = Path.of("src/test/resources/follow");
        List<Path> files;
        try (Stream<Path> listed = Files.list(expected)) {
            files = listed.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        int compared = 0;
        for (String capture : List.of("dpkt-http.pcap", "dpkt-nb6-http.pcap", "pcpp-tls.pcap")) {
            running.replayWhole(Path.of("../../shared/corpus", capture));
            for (Path follow : files) {
                String[] name = follow.getFileName().toString().split("\\.(?=(tcp|udp)\\.)|\\.txt$");
                if (!name[0].equals(capture)) {
                    continue;
                }
                String[] protoAndStream = follow.getFileName().toString().substring(capture.length() + 1).split("\\.");
                String path = "/api/streams/" + protoAndStream[1];
                String query = "?proto=" + protoAndStream[0];
                TsharkFollow tshark = TsharkFollow.read(follow);
                JsonNode stream = json(running.get(path + query));
                String what = follow.getFileName().toString();
                if (TSHARK_FOLLOWS_INNER.contains(what)) {
                    assertThat(stream.get("client").get("address").asText()).as(what).isEqualTo("109.6.1.72");
                    continue;
                }
                assertThat(node(stream.get("client"))).as(what).isEqualTo(tshark.client());
                assertThat(node(stream.get("server"))).as(what).isEqualTo(tshark.server());
                assertThat(running.getBytes(path + "/payload" + query + "&direction=client").body()).as(what + " client").isEqualTo(tshark.clientBytes());
                assertThat(running.getBytes(path + "/payload" + query + "&direction=server").body()).as(what + " server").isEqualTo(tshark.serverBytes());
                assertThat(running.getBytes(path + "/payload" + query).body()).as(what + " both").isEqualTo(tshark.both());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(files.size() - TSHARK_FOLLOWS_INNER.size());
    }

    /** A side as tshark's follow names a node: address:port, an IPv6 address in brackets. */
    private static String node(JsonNode side) {
        String address = side.get("address").asText();
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + side.get("port").asInt();
    }

    @Test
    void theSegmentsOfAnHttpStreamSayWhichSideSentWhatAndTheLiveFollowerIsToldAsItGrows() throws Exception {
        running = new RunningServer();
        RunningServer.Client client = running.connect();
        running.replay(HTTP_CAPTURE, 0, false);
        awaitUntil("the stream's first packet", Duration.ofSeconds(20), () -> running.server.streams().progress(true, 0) >= 0);
        client.socket.send("{\"type\":\"follow\",\"proto\":\"tcp\",\"stream\":0}");
        awaitUntil("the replay ends", Duration.ofSeconds(30),
                () -> !running.server.sources().replayStatus().running() && running.server.history().newest() == HTTP_PACKETS);
        // The last notice tells of the whole stream: 479 bytes of request, 18,364 of response, both sides ended.
        awaitUntil("a notice of the whole stream", Duration.ofSeconds(10), () -> client.ofType("streamData").stream()
                .anyMatch(notice -> notice.get("server").get("payload").asLong() == 18_364 && !notice.get("client").get("end").isNull()));
        JsonNode notice = client.ofType("streamData").getLast();
        assertThat(notice.get("proto").asText()).isEqualTo("tcp");
        assertThat(notice.get("stream").asInt()).isZero();
        assertThat(notice.get("client").get("payload").asLong()).isEqualTo(479);

        JsonNode stream = json(running.get("/api/streams/0?limit=3"));
        JsonNode segments = stream.get("segments");
        assertThat(segments).hasSize(3);
        assertThat(segments.get(0).get("direction").asText()).isEqualTo("client");
        assertThat(segments.get(0).get("frame").asLong()).isEqualTo(4);
        assertThat(segments.get(0).get("length").asLong()).isEqualTo(479);
        assertThat(segments.get(1).get("direction").asText()).isEqualTo("server");
        assertThat(segments.get(1).get("frame").asLong()).isEqualTo(6);
        assertThat(segments.get(1).get("offset").asLong()).isZero();
        assertThat(segments.get(2).get("offset").asLong()).isEqualTo(1380);
        JsonNode rest = json(running.get("/api/streams/0?after=3"));
        assertThat(rest.get("from").asInt()).isEqualTo(4);
        assertThat(rest.get("to").asInt()).isEqualTo(stream.get("segmentCount").asInt());
        assertThat(rest.get("segments").findValuesAsText("kind")).containsOnly("data", "end").contains("end");
    }

    private static void assertError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("detail").asText()).isNotBlank();
    }
}
