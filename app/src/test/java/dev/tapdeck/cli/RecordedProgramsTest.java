package dev.tapdeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapngWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording whose packets carry Tapdeck's comment, as {@code capture} writes it: dpkt-http.pcap
 * written again as pcapng, the packets of the connection from port 3372 commented
 * "curl (pid 4242)" from its second packet on (the SYN came before the lookup's answer), the
 * DNS packets "dig (pid 77)", the rest without a comment. {@code read} gives the commented
 * packets their program in filters, columns and JSON, and no other packet a key; {@code analyze}
 * gives the flows their programs.
 *
 * <p>tshark 4.0.17 reads such a file's comments as written: {@code tshark -r F -Y frame.comment
 * -T fields -e frame.number -e frame.comment} lists 35 packets, "curl (pid 4242)" on 33 frames of
 * that connection from frame 2 on, "dig (pid 77)" on frames 13 and 17 (CI has no tshark: the
 * test holds the read comments to those counts).
 */
class RecordedProgramsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ORIGINAL = Corpus.directory().resolve("dpkt-http.pcap");
    private static final String CURL = "curl (pid 4242)";
    private static final String DIG = "dig (pid 77)";

    @TempDir
    Path folder;
    Path recording;
    /** Each frame's comment, null for none. */
    final List<String> comments = new ArrayList<>();

    @BeforeEach
    void record() throws IOException {
        recording = folder.resolve("programs.pcapng");
        PacketDecoder decoder = new PacketDecoder();
        boolean curlSeen = false;
        try (CaptureReader reader = CaptureFiles.open(ORIGINAL);
             PcapngWriter writer = new PcapngWriter(Files.newOutputStream(recording))) {
            PacketRecord packet = new PacketRecord();
            while (reader.next(packet)) {
                Dissection d = decoder.decode(packet);
                String comment = null;
                if (d.tcp.present() && (d.tcp.sourcePort() == 3372 || d.tcp.destinationPort() == 3372)) {
                    comment = curlSeen ? CURL : null;
                    curlSeen = true;
                } else if (d.udp.present()) {
                    comment = DIG;
                }
                comments.add(comment);
                writer.write(packet, comment);
            }
        }
    }

    private long commented(String comment) {
        return comments.stream().filter(comment::equals).count();
    }

    @Test
    void readGivesEachCommentedPacketItsProgramAndNoOtherPacketAKey() throws IOException {
        List<String> original = CommandRun.read(ORIGINAL.toString(), "--json").lines();
        List<String> read = CommandRun.read(recording.toString(), "--json").lines();

        assertThat(read).hasSameSizeAs(comments);
        for (int i = 0; i < read.size(); i++) {
            JsonNode packet = JSON.readTree(read.get(i));
            String comment = comments.get(i);
            if (comment == null) {
                // The same object as the pcap's, keys and all; the time has the pcapng's nanosecond digits.
                ObjectNode same = (ObjectNode) JSON.readTree(original.get(i));
                assertThat(new BigDecimal(packet.get("frame.time_epoch").asText()))
                        .isEqualByComparingTo(same.get("frame.time_epoch").asText());
                same.set("frame.time_epoch", packet.get("frame.time_epoch"));
                assertThat(packet).as("frame %d", i + 1).isEqualTo(same);
            } else {
                assertThat(packet.get("proc.name").asText()).isEqualTo(comment.equals(CURL) ? "curl" : "dig");
                assertThat(packet.get("proc.pid").asInt()).isEqualTo(comment.equals(CURL) ? 4242 : 77);
                assertThat(packet.has("proc.cmdline")).as("a comment names no command line").isFalse();
            }
        }
        assertThat(commented(CURL)).isEqualTo(33);
        assertThat(commented(DIG)).isEqualTo(2);
        assertThat(CommandRun.read(recording.toString(), "-Y", "frame.comment").lines()).hasSize(35);
    }

    @Test
    void filtersAndColumnsReadTheProgramAndTheComment() {
        CommandRun curl = CommandRun.read(recording.toString(), "-Y", "proc.name == \"curl\" && proc.pid == 4242");
        assertThat((long) curl.lines().size()).isEqualTo(commented(CURL));

        List<String> columns = CommandRun.read(recording.toString(), "-T", "fields", "-e", "frame.comment", "-e", "proc.name",
                "-e", "proc.pid").lines();
        assertThat(columns).hasSameSizeAs(comments);
        for (int i = 0; i < columns.size(); i++) {
            String comment = comments.get(i);
            String expected = comment == null ? "\t\t" : comment + "\t" + comment.substring(0, comment.indexOf(' ')) + "\t"
                    + comment.replaceAll("\\D", "");
            assertThat(columns.get(i)).as("frame %d", i + 1).isEqualTo(expected);
        }
    }

    @Test
    void analyzeGivesTheFlowsTheirProgramsAndListsTheTopPrograms() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : CommandRun.analyze(recording.toString(), "--json").lines()) {
            lines.add(JSON.readTree(line));
        }
        List<String> owners = new ArrayList<>();
        for (JsonNode line : lines) {
            if (line.get("type").asText().equals("flow")) {
                int port = line.path("initiator_port").asInt();
                String name = line.has("process") ? line.get("process").get("name").asText() : "-";
                owners.add(port + " " + name);
            }
        }
        assertThat(owners).containsExactlyInAnyOrder("3372 curl", "3371 -", "3009 dig");
        assertThat(lines).filteredOn(line -> line.get("type").asText().equals("process"))
                .extracting(line -> line.get("process").get("name").asText() + " " + line.get("process").get("pid").asInt()
                        + " " + line.get("flows").asInt())
                .containsExactly("curl 4242 1", "dig 77 1");

        String text = CommandRun.analyze(recording.toString()).stdout();
        assertThat(text).contains("Top programs by bytes:").containsPattern("\\n  curl \\(pid 4242\\) +1 flows, \\d+ packets")
                .containsPattern("145\\.254\\.160\\.237:3372 → 65\\.208\\.228\\.223:80 .*  curl \\(pid 4242\\)\\n");
    }
}
