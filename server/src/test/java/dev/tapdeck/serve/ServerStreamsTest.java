package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.tapdeck.serve.RunningServer.awaitUntil;
import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Streams through the API and the WebSocket, against a real server replaying a corpus capture. */
@Timeout(120)
class ServerStreamsTest extends ServerTestBase {
    private static final Path HTTP_CAPTURE = Path.of("../../shared/corpus/dpkt-http.pcap");
    private static final int HTTP_PACKETS = 43;

    private void replayHttpCapture() throws Exception {
        running.replay(HTTP_CAPTURE, 0, false);
        awaitUntil("the replay ends", Duration.ofSeconds(30),
                () -> !running.server.sources().replayStatus().running() && running.server.history().newest() == HTTP_PACKETS);
    }

    @Test
    void everyPacketSummaryAndDetailCarriesItsStreamIndexAsTsharkNumbersIt() throws Exception {
        running = new RunningServer();
        RunningServer.Client client = running.connect();
        replayHttpCapture();
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
        replayHttpCapture();

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
        replayHttpCapture();
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

    private static void assertError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("detail").asText()).isNotBlank();
    }
}
