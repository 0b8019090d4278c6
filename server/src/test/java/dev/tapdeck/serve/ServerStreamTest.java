package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.filter.DisplayFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
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

    /**
     * Fifty clients, each with its own display filter, and two without, while a replay feeds
     * 20,000 packets a second for 5 s: each filtering client gets exactly the packets its
     * filter passes, in order, but for those a drop notice counts; the clients without a filter
     * get every packet, and the replay keeps the pace it kept without the filtering clients.
     */
    @Test
    @Timeout(180)
    void fiftyClientsEachWithItsOwnFilterGetExactlyTheirPacketsWithoutSlowingTheOthers() throws Exception {
        int packets = 100_000;
        double rate = 20_000;
        running = new RunningServer(Map.of(ServerOption.HISTORY_PACKETS, "1000000", ServerOption.HISTORY_MEGABYTES, "512"));
        Path sample = RunningServer.sample(folder, packets);
        List<String> filters = loadFilters();
        assertThat(filters).hasSize(50).doesNotHaveDuplicates();
        Map<String, BitSet> expected = framesPassing(sample, filters);
        double speed = recordedSeconds(sample) * rate / packets;

        // The pace the replay keeps on this machine, now, without filters.
        List<RunningServer.Client> unfiltered = List.of(running.connectCounting(), running.connectCounting());
        double alone = replayTook(sample, speed, packets);
        awaitUntil("the clients without a filter get the first replay", Duration.ofSeconds(60),
                () -> unfiltered.stream().allMatch(c -> c.packetCount() == packets));

        List<RunningServer.Client> filtering = new ArrayList<>();
        for (String filter : filters) {
            RunningServer.Client client = running.connectCounting();
            client.filter(filter);
            filtering.add(client);
        }
        awaitUntil("every filter is acknowledged", Duration.ofSeconds(30), () -> filtering.stream().allMatch(c -> !c.ofType("filter").isEmpty()));
        for (int i = 0; i < filters.size(); i++) {
            assertThat(filterOf(filtering.get(i))).isEqualTo(filters.get(i));
        }
        double together = replayTook(sample, speed, packets);
        assertThat(together).as("the replay with fifty filtering clients, against %.2f s without", alone).isLessThanOrEqualTo(alone * 1.25 + 0.5);

        awaitUntil("the clients without a filter get the second replay", Duration.ofSeconds(60),
                () -> unfiltered.stream().allMatch(c -> c.packetCount() == 2L * packets));
        for (RunningServer.Client client : unfiltered) {
            assertThat(client.ofType("dropped")).isEmpty();
            long[] numbers = client.frameNumbers();
            for (int i = 0; i < numbers.length; i += 997) {
                assertThat(numbers[i]).isEqualTo(i % packets + 1);
            }
        }
        // A drop at the end of the stream is announced before the next message that fits, the
        // status at the latest: wait until each client's status has seen the whole stream and
        // its drop notices add up to the drops the status counts.
        awaitUntil("the filtering clients get theirs, or hear what they missed", Duration.ofSeconds(60),
                () -> filtering.stream().allMatch(c -> {
                    List<JsonNode> statuses = c.ofType("status");
                    if (statuses.isEmpty()) {
                        return false;
                    }
                    JsonNode stream = statuses.getLast().get("stream");
                    return stream.get("through").asLong() == packets && stream.get("dropped").asLong() == droppedCount(c);
                }));
        long dropped = 0;
        for (RunningServer.Client client : filtering) {
            String filter = filterOf(client);
            BitSet wanted = expected.get(filter);
            long[] received = client.frameNumbers();
            List<JsonNode> drops = client.ofType("dropped");
            // Received in order, only what passes, and whatever passes is received or lies in a drop notice's range.
            BitSet missing = (BitSet) wanted.clone();
            for (int i = 0; i < received.length; i++) {
                assertThat(received[i]).as("%s: received in order", filter).isGreaterThan(i == 0 ? 0 : received[i - 1]);
                assertThat(wanted.get((int) received[i])).as("%s passes frame %d", filter, received[i]).isTrue();
                missing.clear((int) received[i]);
            }
            for (JsonNode drop : drops) {
                missing.clear(drop.get("from").asInt(), drop.get("to").asInt() + 1);
                dropped += drop.get("count").asLong();
            }
            assertThat(missing.cardinality()).as("%s: packets neither received nor dropped", filter).isZero();
        }
        awaitUntil("each status counts what its filter passed", Duration.ofSeconds(10), () -> filtering.stream().allMatch(c -> {
            JsonNode stream = c.ofType("status").getLast().get("stream");
            return stream.get("matched").asLong() == c.packetCount()
                    && stream.get("matched").asLong() + stream.get("filtered").asLong() + stream.get("dropped").asLong() == packets
                    && stream.get("through").asLong() == packets;
        }));
        System.out.printf("50 filters over %,d packets at %.0f/s: the replay took %.2f s (%.2f s without them), the filtering clients dropped %,d packets%n",
                packets, rate, together, alone, dropped);
    }

    /** Replays {@code capture} through the pipeline and returns how long it took, in seconds. */
    private double replayTook(Path capture, double speed, long packets) throws Exception {
        running.replay(capture, speed, false);
        awaitUntil("the replay ends", Duration.ofSeconds(60), () -> !running.server.sources().replayStatus().running());
        var replay = running.server.sources().replayStatus();
        assertThat(replay.packets()).isEqualTo(packets);
        assertThat(replay.ringDrops()).isZero();
        return Duration.between(replay.startTime(), replay.stopTime()).toMillis() / 1000.0;
    }

    private static String filterOf(RunningServer.Client client) {
        return client.ofType("filter").getFirst().get("filter").asText();
    }

    private static long droppedCount(RunningServer.Client client) {
        return client.ofType("dropped").stream().mapToLong(drop -> drop.get("count").asLong()).sum();
    }

    /** The load test's fifty filters, one a line. */
    private static List<String> loadFilters() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/filters/load-filters.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    /** Each filter's passing frames in {@code capture}, by the same filters the server runs. */
    private static Map<String, BitSet> framesPassing(Path capture, List<String> filters) throws Exception {
        Map<String, BitSet> frames = new LinkedHashMap<>();
        List<DisplayFilter> compiled = new ArrayList<>();
        for (String filter : filters) {
            compiled.add(DisplayFilter.compile(filter));
            frames.put(filter, new BitSet());
        }
        PacketFields fields = new PacketFields();
        PacketRecord packet = new PacketRecord();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            long reference = Long.MIN_VALUE;
            for (long number = 1; reader.next(packet); number++) {
                long time = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
                reference = reference == Long.MIN_VALUE ? time : reference;
                fields.wrap(number, packet, reference);
                for (int i = 0; i < compiled.size(); i++) {
                    if (compiled.get(i).matches(fields)) {
                        frames.get(filters.get(i)).set((int) number);
                    }
                }
            }
        }
        return frames;
    }

    /** From the capture's first packet to its last, in seconds. */
    private static double recordedSeconds(Path capture) throws Exception {
        long first = Long.MIN_VALUE;
        long last = 0;
        PacketRecord packet = new PacketRecord();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next(packet)) {
                last = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
                first = first == Long.MIN_VALUE ? last : first;
            }
        }
        return (last - first) / 1e9;
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
