package dev.tapdeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.analysis.AnalysisSettings;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest {
    private static final Path CORPUS = Corpus.directory();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theHttpFlowHasThePacketsBytesAndTimesTsharkSawAndEndsClosed() throws IOException {
        Path capture = CORPUS.resolve("dpkt-http.pcap");
        // tshark's view of the HTTP connection, 145.254.160.237:3372 → 65.208.228.223:80.
        List<JsonNode> http = oracle(capture).stream()
                .filter(p -> p.path("tcp.srcport").asInt() == 3372 || p.path("tcp.dstport").asInt() == 3372)
                .toList();
        List<JsonNode> sent = http.stream().filter(p -> p.get("ip.src").asText().equals("145.254.160.237")).toList();
        List<JsonNode> answered = http.stream().filter(p -> p.get("ip.src").asText().equals("65.208.228.223")).toList();
        assertThat(sent.size() + answered.size()).isEqualTo(http.size());

        List<JsonNode> lines = jsonLines(CommandRun.analyze(capture.toString(), "--json"));

        JsonNode flow = lines.stream().filter(l -> l.path("initiator_port").asInt() == 3372).findFirst().orElseThrow();
        assertThat(flow.get("type").asText()).isEqualTo("flow");
        assertThat(flow.get("protocol").asText()).isEqualTo("tcp");
        assertThat(flow.get("initiator").asText()).isEqualTo("145.254.160.237");
        assertThat(flow.get("responder").asText()).isEqualTo("65.208.228.223");
        assertThat(flow.get("responder_port").asInt()).isEqualTo(80);
        assertThat(flow.get("initiator_packets").asLong()).isEqualTo(sent.size());
        assertThat(flow.get("initiator_bytes").asLong()).isEqualTo(frameBytes(sent));
        assertThat(flow.get("responder_packets").asLong()).isEqualTo(answered.size());
        assertThat(flow.get("responder_bytes").asLong()).isEqualTo(frameBytes(answered));
        assertThat(flow.get("duration").decimalValue())
                .isEqualByComparingTo(epochTime(http.getLast()).subtract(epochTime(http.getFirst())));
        assertThat(flow.get("tcp_state").asText()).isEqualTo("closed");

        CommandRun text = CommandRun.analyze(capture.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout())
                .contains(String.format("  TCP    145.254.160.237:3372 → 65.208.228.223:80  CLOSED  %.3f s  → %d packets %,d bytes  ← %d packets %,d bytes",
                        flow.get("duration").asDouble(), sent.size(), frameBytes(sent), answered.size(), frameBytes(answered)))
                .contains("No alerts.");
    }

    @Test
    void aDisplayFilterAnalysesOnlyTheMatchingPackets() throws IOException {
        Path capture = CORPUS.resolve("dpkt-http.pcap");
        List<JsonNode> all = oracle(capture);
        long selected = all.stream().filter(p -> p.path("tcp.srcport").asInt() == 3372 || p.path("tcp.dstport").asInt() == 3372).count();

        List<JsonNode> lines = jsonLines(CommandRun.analyze(capture.toString(), "--json", "-Y", "tcp.port == 3372"));

        assertThat(lines.stream().filter(l -> l.get("type").asText().equals("flow")))
                .as("the DNS lookup before the download is not analysed").singleElement()
                .satisfies(flow -> assertThat(flow.get("packets").asLong()).isEqualTo(selected));
        JsonNode summary = lines.getLast();
        assertThat(summary.get("display_filter").asText()).isEqualTo("tcp.port == 3372");
        assertThat(summary.get("packets_read").asInt()).isEqualTo(all.size());
        assertThat(summary.get("packets").asLong()).isEqualTo(selected);
        assertThat(CommandRun.analyze(capture.toString(), "-Y", "tcp.port == 3372").stdout())
                .contains(String.format("Display filter: tcp.port == 3372 (%d of %d packets match)%n", selected, all.size()))
                .contains(String.format("Packets:        %d%n", selected));
    }

    @Test
    void desegmentationChoosesTheFramesAMessageFilterSelectsAsReadDoes() throws IOException {
        String capture = CORPUS.resolve("dpkt-http.pcap").toString();
        String filter = "http.response.code == 200";
        String desegment = "tcp.desegment_tcp_streams:TRUE";
        long whole = CommandRun.read(capture, "-o", desegment, "-Y", filter, "-T", "fields", "-e", "frame.number").lines().size();
        long alone = CommandRun.read(capture, "-Y", filter, "-T", "fields", "-e", "frame.number").lines().size();
        long all = CommandRun.read(capture, "-T", "fields", "-e", "frame.number").lines().size();
        assertThat(whole).as("a response is selected on the frame that completes it, not on each of its segments").isPositive().isNotEqualTo(alone);

        assertThat(CommandRun.analyze(capture, "-o", desegment, "-Y", filter).stdout())
                .contains(String.format("Display filter: %s (%d of %d packets match)%n", filter, whole, all));
        assertThat(CommandRun.analyze(capture, "-Y", filter).stdout())
                .contains(String.format("Display filter: %s (%d of %d packets match)%n", filter, alone, all));
    }

    @Test
    void jsonLinesAreFlowsByBytesThenAlertsThenOneSummaryEachWithAType() throws IOException {
        Path capture = CORPUS.resolve("dpkt-http.pcap");
        List<JsonNode> oracle = oracle(capture);

        CommandRun run = CommandRun.analyze(capture.toString(), "--json");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = jsonLines(run);
        assertThat(lines).allSatisfy(line -> assertThat(line.path("type").asText()).isIn("flow", "alert", "summary"));
        JsonNode summary = lines.getLast();
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("packets").asLong()).isEqualTo(oracle.size());
        assertThat(summary.get("bytes").asLong()).isEqualTo(frameBytes(oracle));
        assertThat(summary.get("alerts").asInt()).isZero();
        List<JsonNode> flows = lines.stream().filter(l -> l.get("type").asText().equals("flow")).toList();
        // Two TCP connections and one DNS exchange.
        assertThat(flows).hasSize(3).hasSize(summary.get("flows").asInt());
        assertThat(flows).map(f -> f.get("bytes").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(flows.stream().mapToLong(f -> f.get("packets").asLong()).sum()).isEqualTo(oracle.size());
    }

    @Test
    void aPortScanIsReportedInTextAndJsonWithTheProbesAsItsPackets(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("scan.pcap");
        try (OutputStream file = Files.newOutputStream(capture)) {
            PcapWriter writer = new PcapWriter(file, LinkTypes.ETHERNET, 65_535, true);
            PacketRecord record = new PacketRecord();
            for (int port = 1; port <= 150; port++) {
                byte[] frame = tcpSyn(0x0a00_0042, 61_000, 0x0a00_000a, port);
                long nanos = port * 10_000_000L;
                writer.write(record.set(MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET)
                        .timestamp(1_767_225_600L + nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L),
                                PacketRecord.NANOSECOND_DIGITS));
            }
            writer.flush();
        }

        CommandRun text = CommandRun.analyze(capture.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout())
                .contains("Flows:          150 started")
                .containsPattern("\\n  2026-01-01T00:00:01Z  port-scan  WARNING  port scan from 10\\.0\\.0\\.66: .*\\n")
                .contains("      hosts:   10.0.0.66, 10.0.0.10\n")
                .contains("      ports:   1, 2, 3, ")
                .contains("      packets: 1, 2, 3, ")
                .doesNotContain("No alerts.");

        List<JsonNode> lines = jsonLines(CommandRun.analyze(capture.toString(), "--json"));
        JsonNode alert = lines.stream().filter(l -> l.get("type").asText().equals("alert")).findFirst().orElseThrow();
        assertThat(alert.get("detector").asText()).isEqualTo("port-scan");
        assertThat(alert.get("severity").asText()).isEqualTo("warning");
        assertThat(alert.get("time").asText()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(alert.get("numbers").get("ports").asInt()).isEqualTo(100);
        assertThat(alert.get("hosts")).map(JsonNode::asText).containsExactly("10.0.0.66", "10.0.0.10");
        assertThat(alert.get("ports")).map(JsonNode::asInt).containsExactlyElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
        assertThat(alert.get("packets")).map(JsonNode::asLong).containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(i -> (long) i).toList());
        assertThat(lines.getLast().get("alerts").asInt()).isEqualTo(1);

        // A threshold above the 150 ports probed: no scan.
        CommandRun tolerant = CommandRun.analyze(capture.toString(), "--scan-ports", "200");
        assertThat(tolerant.exitCode()).isZero();
        assertThat(tolerant.stdout()).contains("No alerts.").doesNotContain("port-scan");
    }

    @Test
    void aBadThresholdIsRefusedWithTheSettingsMessageAndExitStatusTwo() {
        String capture = CORPUS.resolve("dpkt-http.pcap").toString();

        CommandRun negative = CommandRun.analyze(capture, "--spike-threshold", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.stdout()).isEmpty();
        assertThat(negative.stderr().strip()).isEqualTo("tapdeck analyze: rateSpike.threshold must be a positive number, not -1.0");

        CommandRun tooFewPorts = CommandRun.analyze(capture, "--scan-ports", "1");
        assertThat(tooFewPorts.exitCode()).isEqualTo(2);
        assertThat(tooFewPorts.stderr().strip()).isEqualTo("tapdeck analyze: portScan.ports must be at least 2, not 1");
    }

    @Test
    void theHelpNamesEachThresholdWithItsDefault() {
        AnalysisSettings defaults = AnalysisSettings.DEFAULTS;

        String help = CommandRun.analyze("--help").stdout().replaceAll("\\s+", " ");

        assertThat(help)
                .contains("--spike-window=SECONDS Seconds a second's packet rate is compared with (default "
                        + defaults.rateSpike().window().toSeconds() + ")")
                .contains("(default " + (long) defaults.rateSpike().threshold() + ") [rateSpike.threshold]")
                .contains("(default " + defaults.rateSpike().minSamples() + ") [rateSpike.minSamples]")
                .contains("(default " + defaults.flows().idleTimeout().toSeconds() + ") [flows.idleTimeout]")
                .contains("(default " + defaults.flows().maxFlows() + ") [flows.maxFlows]")
                .contains("in " + defaults.synFlood().window().toSeconds() + " s that make a SYN flood (default "
                        + defaults.synFlood().threshold() + ")")
                .contains("in " + defaults.portScan().window().toSeconds() + " s that make a port scan (default "
                        + defaults.portScan().ports() + ")")
                .contains("in " + defaults.portScan().window().toSeconds() + " s that make a host sweep (default "
                        + defaults.portScan().hosts() + ")");
    }

    @Test
    void aFileCutShortIsAnalysedUpToTheDamageWhichIsReported() throws IOException {
        Path capture = CORPUS.resolve("derived-tls-cut-mid-record.pcap");
        List<JsonNode> oracle = oracle(capture);

        CommandRun text = CommandRun.analyze(capture.toString());
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.stdout()).contains(String.format("Packets:        %d%n", oracle.size())).contains("Protocol hierarchy");
        assertThat(text.stderr().lines()).singleElement().asString()
                .startsWith("tapdeck analyze: " + capture).contains("record " + (oracle.size() + 1)).contains("byte offset");

        CommandRun json = CommandRun.analyze(capture.toString(), "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        JsonNode summary = jsonLines(json).getLast();
        assertThat(summary.get("packets").asInt()).isEqualTo(oracle.size());
        assertThat(summary.get("error").asText()).contains("record " + (oracle.size() + 1));
    }

    @Test
    void aMissingFileOrOneThatIsNotACaptureIsOneLineOnStandardErrorAndNoReport(@TempDir Path dir) throws IOException {
        CommandRun missing = CommandRun.analyze("/nonexistent/capture.pcap");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr().strip()).isEqualTo("tapdeck analyze: no such file: /nonexistent/capture.pcap");

        Path text = Files.writeString(dir.resolve("notes.pcap"), "these are not packets\n");
        CommandRun notACapture = CommandRun.analyze(text.toString(), "--json");
        assertThat(notACapture.exitCode()).isEqualTo(2);
        assertThat(notACapture.stdout()).isEmpty();
        assertThat(notACapture.stderr().lines()).singleElement().asString()
                .startsWith("tapdeck analyze: " + text).containsIgnoringCase("not a pcap or pcapng file");
    }

    private static List<JsonNode> oracle(Path capture) throws IOException {
        List<JsonNode> packets = new ArrayList<>();
        for (String line : Files.readAllLines(capture.resolveSibling(capture.getFileName() + ".expected.jsonl"))) {
            packets.add(JSON.readTree(line));
        }
        return packets;
    }

    private static List<JsonNode> jsonLines(CommandRun run) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.lines()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** tshark writes the time as a string of decimal seconds. */
    private static BigDecimal epochTime(JsonNode packet) {
        return new BigDecimal(packet.get("frame.time_epoch").asText());
    }

    private static long frameBytes(List<JsonNode> packets) {
        return packets.stream().mapToLong(p -> p.get("frame.len").asLong()).sum();
    }

    /** Ethernet, IPv4 (checksum set) and a 20-byte TCP header with only SYN. */
    private static byte[] tcpSyn(int source, int sourcePort, int destination, int destinationPort) {
        ByteBuffer frame = ByteBuffer.allocate(14 + 20 + 20);
        frame.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(source).putInt(destination);
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += frame.getShort(i) & 0xffff;
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        frame.putShort(24, (short) ~((sum & 0xffff) + (sum >>> 16)));
        frame.putShort((short) sourcePort).putShort((short) destinationPort).putInt(1000).putInt(0)
                .put((byte) 0x50).put((byte) 0x02).putShort((short) 65_535).putShort((short) 0).putShort((short) 0);
        return frame.array();
    }
}
