package dev.tapdeck.decode.detail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every packet of every corpus capture: describe() does not throw, every node's bytes lie in
 * the capture and in its parent's, and each field the corpus's tshark decode also names has
 * the value tshark gave it.
 */
class PacketDetailsCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path corpus() {
        String shared = System.getProperty("tapdeck.shared");
        Path folder = (shared == null || shared.isBlank() ? Path.of("..", "..", "shared") : Path.of(shared)).resolve("corpus");
        assertThat(folder).as("the capture corpus").isDirectory();
        return folder;
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusPacketHasASoundTree() throws IOException {
        List<Path> captures;
        try (Stream<Path> files = Files.list(corpus())) {
            captures = files.filter(file -> Files.exists(expected(file))).sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThanOrEqualTo(70);
        return captures.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> assertSound(file)));
    }

    private static Path expected(Path capture) {
        return capture.resolveSibling(capture.getFileName() + ".expected.jsonl");
    }

    private static void assertSound(Path capture) throws IOException {
        List<String> lines = Files.readAllLines(expected(capture)).stream().filter(line -> !line.isBlank()).toList();
        List<String> problems = new ArrayList<>();
        long number = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PacketRecord packet = new PacketRecord();
            while (number < lines.size() && reader.next(packet)) {
                number++;
                List<DetailNode> tree = PacketDetails.describe(number, packet);
                assertThat(tree).isNotEmpty();
                // A packet's comment comes first, as Wireshark's "Packet comments"; then the frame.
                boolean commented = packet.comment() != null;
                assertThat(tree.getFirst().name()).isEqualTo(commented ? "pkt_comment" : "frame");
                assertThat(tree.get(commented ? 1 : 0).name()).isEqualTo("frame");
                for (DetailNode layer : tree) {
                    checkRanges(number, layer, 0, packet.capturedLength(), problems);
                }
                checkValues(number, tree, JSON.readTree(lines.get((int) number - 1)), problems);
            }
        } catch (IOException e) {
            // Cut files end with an error after the packets tshark decoded; those were all read.
        }
        assertThat(number).as("packets described").isEqualTo(lines.size());
        assertThat(problems).as("nodes that disagree with the capture or with tshark in %s", capture.getFileName()).isEmpty();
    }

    /**
     * Wireshark's TCP and UDP lines cover their header, and the segment's payload, under them,
     * the bytes after it: those lie in the frame from where their protocol starts.
     */
    private static final java.util.Set<String> PAYLOADS = java.util.Set.of("tcp.payload", "udp.payload");

    private static void checkRanges(long number, DetailNode node, int from, int to, List<String> problems) {
        checkRanges(number, node, from, to, to, problems);
    }

    private static void checkRanges(long number, DetailNode node, int from, int to, int captured, List<String> problems) {
        boolean generated = node.length() == 0;
        int end = PAYLOADS.contains(node.name()) ? captured : to;
        if (!generated && (node.offset() < from || node.offset() + node.length() > end || node.length() < 0)) {
            problems.add("packet %d: %s [%d, %d) outside [%d, %d)".formatted(number, node.name(), node.offset(), node.offset() + node.length(), from, to));
        }
        for (DetailNode child : node.children()) {
            checkRanges(number, child, generated ? from : node.offset(), generated ? to : node.offset() + node.length(), captured, problems);
        }
    }

    /** The first occurrence of each name, depth first: the packet's own header comes before any quoted one. */
    private static void checkValues(long number, List<DetailNode> tree, JsonNode expected, List<String> problems) {
        Map<String, String> firstValues = new HashMap<>();
        tree.forEach(node -> collect(node, firstValues));
        expected.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            String actual = firstValues.get(entry.getKey());
            // frame.protocols names dissectors Tapdeck does not have (dhcp, sip, x509...): not a detail-tree matter.
            if (actual == null || entry.getKey().equals("frame.protocols") || !(value.isTextual() || value.isNumber())) {
                return;
            }
            boolean same = value.isNumber() ? value.asLong() == parseNumber(actual) : value.asText().equals(actual);
            if (!same) {
                problems.add("packet %d: %s is %s, tshark says %s".formatted(number, entry.getKey(), actual, value));
            }
        });
    }

    /** A shown integer, in decimal or in Wireshark's 0x hex. */
    private static long parseNumber(String shown) {
        try {
            return shown.startsWith("0x") ? Long.parseLong(shown.substring(2), 16) : Long.parseLong(shown);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static void collect(DetailNode node, Map<String, String> firstValues) {
        if (node.value() != null) {
            firstValues.putIfAbsent(node.name(), node.value());
        }
        node.children().forEach(child -> collect(child, firstValues));
    }
}
