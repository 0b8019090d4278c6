package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.tapdeck.serve.RunningServer.awaitUntil;
import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The live stream under load, and live capture on the loopback interface through the API (tests run as root). */
@Timeout(120)
class ServerStreamTest extends ServerTestBase {
    @Test
    void aStalledClientIsDroppedAndClosedWithoutSlowingTheOthers() throws Exception {
        running = new RunningServer(Map.of(ServerOption.CLIENT_QUEUE, "256", ServerOption.STALL_SECONDS, "5",
                ServerOption.HISTORY_PACKETS, "1000000", ServerOption.HISTORY_MEGABYTES, "512"));
        RunningServer.Client reader = running.connect();
        RunningServer.Client otherReader = running.connect();
        RunningServer.Client slow = running.connect();
        slow.delayMillis = 20;
        RunningServer.Client stalled = running.connectAndStall();

        // About 35,000 packets a second for some 4 s: a few MB a second of summaries for each client.
        Path sample = RunningServer.sample(folder, 140_000);
        running.replay(sample, 0.5, false);
        awaitUntil("the replay ends", Duration.ofSeconds(60), () -> !running.server.sources().replayStatus().running());
        long replayed = running.server.sources().replayStatus().packets();
        assertThat(replayed).isEqualTo(140_000);

        try {
            awaitUntil("the readers get everything", Duration.ofSeconds(60),
                    () -> reader.packetCount() == replayed && otherReader.packetCount() == replayed);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": readers got " + reader.packetCount() + " and " + otherReader.packetCount()
                    + " of " + replayed + ", dropped notices " + reader.ofType("dropped") + " " + otherReader.ofType("dropped")
                    + ", batches sent " + running.server.hub().batchesSent(), e);
        }
        for (RunningServer.Client client : List.of(reader, otherReader)) {
            List<JsonNode> packets = client.packets();
            for (int i = 0; i < packets.size(); i += 997) {
                assertThat(packets.get(i).get("frame.number").asLong()).isEqualTo(i + 1);
            }
            assertThat(client.ofType("dropped")).isEmpty();
        }
        assertThat(running.server.sources().replayStatus().ringDrops()).isZero();

        awaitUntil("the stalled client is closed", Duration.ofSeconds(20), () -> running.server.hub().clientCount() <= 3);
        assertThat(stalled.messages()).hasSizeLessThanOrEqualTo(2);

        slow.delayMillis = 0;
        awaitUntil("the slow client hears what it missed", Duration.ofSeconds(20), () -> !slow.ofType("dropped").isEmpty());
        JsonNode dropped = slow.ofType("dropped").getFirst();
        assertThat(dropped.get("count").asLong()).isPositive();
        assertThat(slow.packetCount()).isLessThan(replayed);
    }

    @Test
    void liveCaptureThroughTheApiOnLoopback() throws Exception {
        running = new RunningServer();
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = receiver.getLocalPort();
            HttpResponse<String> badFilter = running.post("/api/capture/settings", "{\"interface\":\"lo\",\"filter\":\"udp prot 53\"}");
            assertThat(badFilter.statusCode()).isEqualTo(400);
            assertThat(json(badFilter).get("detail").asText()).contains("syntax error");

            HttpResponse<String> settings = running.post("/api/capture/settings", "{\"interface\":\"lo\",\"filter\":\"udp dst port " + port + "\"}");
            assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
            RunningServer.Client client = running.connect();
            JsonNode started = json(running.post("/api/capture/start", null));
            assertThat(started.get("running").asBoolean()).isTrue();
            assertThat(started.get("interface").asText()).isEqualTo("lo");
            HttpResponse<String> second = running.post("/api/capture/start", null);
            assertThat(second.statusCode()).isEqualTo(409);

            send(port, 50);
            awaitUntil("50 datagrams streamed", Duration.ofSeconds(20), () -> client.packetCount() >= 50);
            assertThat(client.packets()).allSatisfy(p -> {
                assertThat(p.get("protocol").asText()).isEqualTo("UDP");
                assertThat(p.get("info").asText()).contains("→ " + port);
            });

            HttpResponse<String> stillBad = running.post("/api/capture/settings", "{\"filter\":\"udp prot 53\"}");
            assertThat(stillBad.statusCode()).isEqualTo(400);
            assertThat(json(running.get("/api/capture/status")).get("capture").get("running").asBoolean()).isTrue();
            assertThat(json(running.get("/api/capture/status")).get("capture").get("filter").asText()).isEqualTo("udp dst port " + port);

            JsonNode stopped = json(running.post("/api/capture/stop", null));
            assertThat(stopped.get("running").asBoolean()).isFalse();
            assertThat(stopped.get("packets").asLong()).isEqualTo(50);
            assertThat(running.post("/api/capture/stop", null).statusCode()).isEqualTo(409);
        }
    }

    private static void send(int port, int count) throws Exception {
        try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < count; i++) {
                byte[] payload = ("datagram " + i).getBytes(StandardCharsets.US_ASCII);
                sender.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
            }
        }
    }
}
