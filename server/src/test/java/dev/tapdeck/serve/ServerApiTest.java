package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.tapdeck.serve.RunningServer.awaitUntil;
import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every REST endpoint and the stream, against a real server with real HTTP and WebSocket clients. */
@Timeout(120)
class ServerApiTest extends ServerTestBase {
    @Test
    void aReplayedFileStreamsEveryPacketAndTheHistoryServesThem() throws Exception {
        running = new RunningServer();
        Path sample = RunningServer.sample(folder, 2_000);
        RunningServer.Client client = running.connect();
        running.replay(sample, 0, false);
        awaitUntil("every packet streamed", Duration.ofSeconds(20), () -> client.packetCount() >= 2_000);

        List<JsonNode> streamed = client.packets();
        assertThat(streamed).hasSize(2_000);
        for (int i = 0; i < streamed.size(); i++) {
            assertThat(streamed.get(i).get("frame.number").asLong()).isEqualTo(i + 1);
        }
        JsonNode first = streamed.getFirst();
        assertThat(first.get("time").asDouble()).isZero();
        assertThat(first.fieldNames()).toIterable()
                .contains("frame.number", "frame.time_epoch", "time", "source", "destination", "protocol", "length", "info");
        assertThat(client.ofType("reset")).isNotEmpty();
        long nowMicros = System.currentTimeMillis() * 1000;
        for (JsonNode batch : client.ofType("packets")) {
            assertThat(batch.get("count").asInt()).isEqualTo(batch.get("packets").size());
            assertThat(batch.get("handled").asLong()).isBetween(nowMicros - 60_000_000L, nowMicros + 1_000);
        }

        JsonNode page = json(running.get("/api/packets?after=10&limit=5"));
        assertThat(page.get("oldest").asLong()).isEqualTo(1);
        assertThat(page.get("newest").asLong()).isEqualTo(2_000);
        assertThat(page.get("packets")).hasSize(5);
        assertThat(page.get("packets").get(0)).isEqualTo(streamed.get(10));

        JsonNode detail = json(running.get("/api/packets/11"));
        assertThat(detail.get("summary")).isEqualTo(streamed.get(10));
        assertThat(detail.get("layers").get(0).get("name").asText()).isEqualTo("frame");
        assertThat(detail.get("layers").get(1).get("name").asText()).isEqualTo("eth");
        byte[] bytes = HexFormat.of().parseHex(detail.get("bytes").asText());
        assertThat(bytes).isEqualTo(packetBytes(sample, 11));

        HttpResponse<byte[]> download = running.getBytes("/api/capture.pcapng?from=101&to=200");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains(".pcapng"));
        List<byte[]> downloaded = packets(download.body());
        assertThat(downloaded).hasSize(100);
        assertThat(downloaded.getFirst()).isEqualTo(packetBytes(sample, 101));
        assertThat(downloaded.getLast()).isEqualTo(packetBytes(sample, 200));
    }

    @Test
    void theBrowserUiIsServedAtTheRootWithItsAssets() throws Exception {
        running = new RunningServer();
        HttpResponse<String> page = running.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.body()).contains("<div id=\"root\"></div>", "<title>Tapdeck</title>");

        var script = java.util.regex.Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.body());
        assertThat(script.find()).as("the page names its script").isTrue();
        HttpResponse<String> asset = running.get(script.group(1));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(asset.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("immutable"));
        assertThat(asset.body()).contains("/api/stream");
    }

    @Test
    void statusTellsEverythingOfBothSourcesAndTheCaptureChecks() throws Exception {
        running = new RunningServer();
        running.replay(RunningServer.sample(folder, 500), 0, false);
        awaitUntil("replay ends", Duration.ofSeconds(20), () -> !running.server.sources().replayStatus().running());

        JsonNode status = json(running.get("/api/capture/status"));
        assertThat(status.get("replay").get("packets").asLong()).isEqualTo(500);
        assertThat(status.get("replay").get("lastPacketTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(status.get("capture").get("running").asBoolean()).isFalse();
        assertThat(status.get("history").get("packets").asInt()).isEqualTo(500);
        assertThat(status.get("captureReady").asBoolean()).as("tests run as root with libpcap").isTrue();
        assertThat(status.get("checks")).isNotEmpty();
        assertThat(status.get("checks").get(0).fieldNames()).toIterable().contains("name", "ok", "result", "fix");
    }

    @Test
    void errorsAreJsonWithTheRightStatus() throws Exception {
        running = new RunningServer(Map.of(ServerOption.UPLOAD_MEGABYTES, "1"));
        assertError(running.post("/api/capture/stop", null), 409, "not running");
        assertError(running.post("/api/replay/pause", null), 409, "not running");
        assertError(running.post("/api/replay/stop", null), 409, "not running");
        assertError(running.get("/api/packets/1"), 404, "no such packet");
        assertError(running.get("/api/packets/abc"), 400, "bad number");
        assertError(running.get("/api/packets?limit=0"), 400, "bad limit");
        assertError(running.get("/api/nothing-here"), 404, "not found");
        assertError(running.post("/api/replay", "{not json"), 400, "bad request body");
        assertError(running.post("/api/replay", "{\"file\":\"u99\"}"), 404, "no such file");
        assertError(running.post("/api/replay", "{}"), 400, "no file");
        assertError(running.get("/api/capture.pcapng?from=9&to=3"), 400, "bad range");

        HttpResponse<String> notACapture = running.upload("notes.txt", "hello, not a capture".getBytes());
        assertError(notACapture, 400, "not a readable capture");
        assertThat(json(notACapture).get("detail").asText()).contains("not a pcap or pcapng");
        assertError(running.upload("big.pcap", new byte[(1 << 20) + 10]), 413, "file too large");

        Path sample = RunningServer.sample(folder, 300);
        byte[] whole = Files.readAllBytes(sample);
        HttpResponse<String> cut = running.upload("cut.pcap", java.util.Arrays.copyOf(whole, whole.length - 7));
        assertError(cut, 400, "not a readable capture");
        assertThat(json(cut).get("detail").asText()).contains("record 300");
        assertThat(running.get("/api/files").body()).doesNotContain("cut.pcap");
    }

    @Test
    void replayCanBePausedResumedAndStoppedAndRefusesASecondStart() throws Exception {
        running = new RunningServer();
        Path sample = RunningServer.sample(folder, 5_000);
        String id = running.replay(sample, 0.01, true);
        assertError(running.post("/api/replay", "{\"file\":\"" + id + "\"}"), 409, "already running");
        assertError(running.post("/api/capture/start", null), 409, "already running");

        JsonNode paused = json(running.post("/api/replay/pause", null));
        assertThat(paused.get("running").asBoolean()).isTrue();
        long packetsWhenPaused = running.server.sources().replayStatus().packets();
        Thread.sleep(300);
        assertThat(running.server.sources().replayStatus().packets()).isEqualTo(packetsWhenPaused);
        assertThat(json(running.get("/api/capture/status")).get("replay").get("paused").asBoolean()).isTrue();

        running.post("/api/replay/resume", null);
        awaitUntil("packets flow again", Duration.ofSeconds(10),
                () -> running.server.sources().replayStatus().packets() > packetsWhenPaused);
        JsonNode stopped = json(running.post("/api/replay/stop", null));
        assertThat(stopped.get("running").asBoolean()).isFalse();
        assertThat(stopped.get("packets").asLong()).isGreaterThan(packetsWhenPaused);
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutesServed() throws Exception {
        running = new RunningServer();
        JsonNode document = json(running.get("/api/openapi.json"));
        assertThat(document.get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                running.server.routes().stream().map(r -> r.method().name() + " " + r.path()).toList());
        assertThat(documented).contains("GET /api/interfaces", "POST /api/capture/settings", "GET /api/packets/{number}",
                "POST /api/files", "POST /api/replay/resume");
        // Every documented GET without parameters answers, and never with "no such endpoint".
        for (String route : documented) {
            if (route.startsWith("GET ") && !route.contains("{")) {
                HttpResponse<String> response = running.get(route.substring(4));
                assertThat(response.statusCode()).as(route).isEqualTo(200);
            }
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("at dev.tapdeck", "Exception");
    }

    private static byte[] packetBytes(Path file, long number) throws Exception {
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord record = new PacketRecord();
            for (long i = 1; reader.next(record); i++) {
                if (i == number) {
                    return record.toByteArray();
                }
            }
        }
        throw new AssertionError("no packet " + number + " in " + file);
    }

    static List<byte[]> packets(byte[] capture) throws Exception {
        List<byte[]> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(Channels.newChannel(new ByteArrayInputStream(capture)))) {
            PacketRecord record = new PacketRecord();
            while (reader.next(record)) {
                packets.add(record.toByteArray());
            }
        }
        return packets;
    }
}
