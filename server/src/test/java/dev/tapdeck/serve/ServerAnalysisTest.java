package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedOutputStream;
import java.lang.foreign.MemorySegment;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.tapdeck.serve.RunningServer.awaitUntil;
import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Flows, protocols and alerts through the API and the stream, over replayed captures. */
@Timeout(60)
class ServerAnalysisTest extends ServerTestBase {
    private static final Path HTTP = Path.of(System.getProperty("tapdeck.shared", "../../shared"), "corpus", "dpkt-http.pcap");
    private static final int SCANNED_PORTS = 150;

    @Test
    void flowsAndProtocolsDescribeTheReplayAndEverySummaryNamesItsFlow() throws Exception {
        running = new RunningServer();
        RunningServer.Client client = running.connect();
        replayToTheEnd(HTTP, 43);
        awaitUntil("every packet streamed", Duration.ofSeconds(20), () -> client.packetCount() >= 43);

        // The flows the summaries name, counted from the history's pages...
        Map<Long, Integer> packetsPerFlow = new HashMap<>();
        for (JsonNode summary : json(running.get("/api/packets?after=0&limit=100")).get("packets")) {
            if (summary.has("flow")) {
                packetsPerFlow.merge(summary.get("flow").asLong(), 1, Integer::sum);
            }
        }
        assertThat(client.packets()).allSatisfy(summary -> assertThat(summary.has("flow")).isTrue());
        // ...are the flows the table lists, packet for packet.
        JsonNode page = json(running.get("/api/flows?sort=packets&limit=50"));
        assertThat(page.get("total").asInt()).isEqualTo(packetsPerFlow.size());
        for (JsonNode flow : page.get("flows")) {
            assertThat(flow.get("packets").asInt()).as("flow %s", flow.get("id")).isEqualTo(packetsPerFlow.get(flow.get("id").asLong()));
        }
        JsonNode web = page.get("flows").get(0);
        assertThat(web.get("protocol").asText()).isEqualTo("TCP");
        assertThat(web.get("initiator").asText() + ":" + web.get("initiatorPort") + " → " + web.get("responder").asText() + ":" + web.get("responderPort"))
                .isEqualTo("145.254.160.237:3372 → 65.208.228.223:80");
        assertThat(web.get("tcpState").asText()).isEqualTo("CLOSED");
        assertThat(web.get("initiatorPackets").asLong() + web.get("responderPackets").asLong()).isEqualTo(web.get("packets").asLong());

        JsonNode second = json(running.get("/api/flows?sort=packets&offset=1&limit=1")).get("flows");
        assertThat(second).hasSize(1);
        assertThat(second.get(0)).isEqualTo(page.get("flows").get(1));
        assertThat(running.get("/api/flows?sort=colour").statusCode()).isEqualTo(400);

        JsonNode protocols = json(running.get("/api/stats/protocols"));
        assertThat(protocols.get("packets").asLong()).isEqualTo(43);
        assertThat(protocols.get("protocols").get(0).get("path").asText()).isEqualTo("eth");
        assertThat(protocols.get("protocols").get(0).get("packets").asLong()).isEqualTo(43);
        assertThat(protocols.get("protocols")).anySatisfy(node -> assertThat(node.get("protocol").asText()).isEqualTo("dns"));
        assertThat(protocols.get("topTalkers").get(0).get("address").asText()).isEqualTo("145.254.160.237");
    }

    @Test
    void aPortScanRaisesOneAlertOnTheStreamAndTheApiWithItsPacketsDownloadAndExplanation() throws Exception {
        running = new RunningServer();
        RunningServer.Client client = running.connect();
        replayToTheEnd(portScan(folder.resolve("scan.pcap")), SCANNED_PORTS);
        awaitUntil("the alert streamed", Duration.ofSeconds(20), () -> !client.ofType("alert").isEmpty());

        JsonNode streamed = client.ofType("alert").getFirst();
        JsonNode alerts = json(running.get("/api/alerts"));
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("detector").asText()).isEqualTo("port-scan");
        assertThat(alert.get("hosts").toString()).contains("10.9.9.9", "10.0.0.1");
        assertThat(alert.get("packets").size()).isBetween(100, SCANNED_PORTS);
        assertThat(streamed.get("id")).isEqualTo(alert.get("id"));
        assertThat(streamed.get("message")).isEqualTo(alert.get("message"));

        HttpResponse<byte[]> download = running.getBytes("/api/alerts/" + alert.get("id").asLong() + "/pcapng");
        assertThat(download.statusCode()).isEqualTo(200);
        // The scan lasts 1.5 s, so all of it lies within 5 s of the alert.
        assertThat(ServerApiTest.packets(download.body())).hasSize(SCANNED_PORTS);
        assertThat(running.getBytes("/api/alerts/999/pcapng").statusCode()).isEqualTo(404);

        JsonNode explanation = json(running.post("/api/ai/explain", "{\"alert\": " + alert.get("id").asLong() + "}"));
        assertThat(explanation.get("source").asText()).isEqualTo("offline");
        assertThat(explanation.get("text").asText()).contains("10.9.9.9");
        assertThat(running.post("/api/ai/explain", "{\"alert\": 999}").statusCode()).isEqualTo(404);
    }

    private void replayToTheEnd(Path capture, long packets) throws Exception {
        running.replay(capture, 0, false);
        awaitUntil("the replay ends", Duration.ofSeconds(20),
                () -> !running.server.sources().replayStatus().running() && running.server.sources().replayStatus().packets() == packets);
    }

    /** 10.9.9.9 sends a SYN to each of ports 1 to 150 of 10.0.0.1, 10 ms apart. */
    private static Path portScan(Path file) throws Exception {
        try (PcapWriter writer = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), LinkTypes.ETHERNET, 65_535, false)) {
            PacketRecord record = new PacketRecord();
            for (int port = 1; port <= SCANNED_PORTS; port++) {
                ByteBuffer frame = ByteBuffer.allocate(54);
                frame.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) 0x0800);
                frame.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) port).putShort((short) 0)
                        .put((byte) 64).put((byte) 6).putShort((short) 0)
                        .put(new byte[] {10, 9, 9, 9}).put(new byte[] {10, 0, 0, 1});
                frame.putShort((short) 40_000).putShort((short) port).putInt(1000).putInt(0)
                        .put((byte) 0x50).put((byte) 0x02).putShort((short) 1024).putShort((short) 0).putShort((short) 0);
                byte[] bytes = frame.array();
                long micros = port * 10_000L;
                writer.write(record.set(MemorySegment.ofArray(bytes), 0, bytes.length, bytes.length, LinkTypes.ETHERNET)
                        .timestamp(1_700_000_000L + micros / 1_000_000, (int) (micros % 1_000_000) * 1000, PacketRecord.MICROSECOND_DIGITS));
            }
        }
        return file;
    }
}
