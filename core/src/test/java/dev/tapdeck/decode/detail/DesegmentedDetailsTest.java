package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.TcpPreferences;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detail tree with TCP desegmentation, on dpkt-http.pcap, against what {@code tshark -V}
 * shows of it: a segment that carries part of a response has TCP's {@code TCP segment data}
 * and no layer above, the segment that completes it the list of the reassembled segments and
 * the response's layers.
 */
class DesegmentedDetailsTest {
    private static final TcpPreferences DESEGMENTING = new TcpPreferences(true, false, true);

    /** The trees of {@code frames}, each built when its packet is read, with the stream facts of a desegmenting pass. */
    private static Map<Long, List<DetailNode>> trees(String capture, Set<Long> frames) throws IOException {
        Map<Long, List<DetailNode>> trees = new HashMap<>();
        PacketFields fields = new PacketFields().following(DESEGMENTING);
        try (CaptureReader reader = CaptureFiles.open(PacketDetailsCorpusTest.corpus().resolve(capture))) {
            PacketRecord packet = new PacketRecord();
            for (long n = 1; reader.next(packet); n++) {
                fields.wrap(n, packet, 0);
                if (frames.contains(n)) {
                    trees.put(n, PacketDetails.describe(n, packet, fields.streamFacts()));
                }
            }
        }
        return trees;
    }

    private static List<String> layerNames(List<DetailNode> tree) {
        return tree.stream().map(DetailNode::name).toList();
    }

    private static DetailNode layer(List<DetailNode> tree, String name) {
        return tree.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + layerNames(tree)));
    }

    @Test
    void aResponseIsShownWithItsSegmentsOnTheFrameThatCompletesIt() throws IOException {
        Map<Long, List<DetailNode>> trees = trees("dpkt-http.pcap", Set.of(6L, 26L, 27L));

        List<DetailNode> first = trees.get(26L);
        assertThat(layerNames(first)).containsExactly("frame", "eth", "ip", "tcp");
        assertThat(layer(first, "tcp").children().getLast().label()).isEqualTo("TCP segment data (1430 bytes)");
        assertThat(layer(first.getFirst().children(), "frame.protocols").value()).isEqualTo("eth:ethertype:ip:tcp");

        List<DetailNode> last = trees.get(27L);
        assertThat(layerNames(last)).containsExactly("frame", "eth", "ip", "tcp", "tcp.segments", "http");
        assertThat(layer(last, "tcp").children().getLast().label()).isEqualTo("TCP segment data (160 bytes)");
        DetailNode segments = layer(last, "tcp.segments");
        assertThat(segments.label()).isEqualTo("[2 Reassembled TCP Segments (1590 bytes): #26(1430), #27(160)]");
        assertThat(segments.children()).extracting(DetailNode::label).containsExactly(
                "[Frame: 26, payload: 0-1429 (1430 bytes)]", "[Frame: 27, payload: 1430-1589 (160 bytes)]",
                "[Segment count: 2]", "[Reassembled TCP length: 1590]");
        assertThat(layer(last, "http").children().getFirst().label()).startsWith("HTTP/1.1 200 OK");
        assertThat(layer(last.getFirst().children(), "frame.protocols").value()).isEqualTo("eth:ethertype:ip:tcp:http:data-text-lines");

        assertThat(layerNames(trees.get(6L))).as("the first segment of another response").containsExactly("frame", "eth", "ip", "tcp");
    }

    @Test
    void withoutDesegmentationEachSegmentKeepsItsOwnLayers() throws IOException {
        try (CaptureReader reader = CaptureFiles.open(PacketDetailsCorpusTest.corpus().resolve("dpkt-http.pcap"))) {
            PacketRecord packet = new PacketRecord();
            PacketFields fields = new PacketFields().following(TcpPreferences.DEFAULTS);
            for (long n = 1; reader.next(packet); n++) {
                fields.wrap(n, packet, 0);
                if (n == 27) {
                    assertThat(layerNames(PacketDetails.describe(n, packet, fields.streamFacts()))).containsExactly("frame", "eth", "ip", "tcp", "http", "data");
                }
            }
        }
    }
}
