package dev.tapdeck.decode.field;

import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.detail.PacketDetails;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.TcpPreferences;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCP fields of the stream tracker ({@code tcp.stream}, {@code tcp.analysis.*},
 * {@code tcp.time_*}) read the same from the {@link dev.tapdeck.stream.StreamFacts} as from
 * the detail tree built with them, on every corpus packet, with sequence analysis and
 * timestamps on, except where a malformed header ends the tree; and every node that tree
 * adds is a registered field.
 */
class StreamFieldsTreeTest {
    @Test
    void analysisFieldsReadAsTheTreeShowsThem() throws IOException {
        List<FieldDef> fields = StreamFields.all().stream().filter(f -> f.name().startsWith("tcp.")).toList();
        List<String> mismatches = new ArrayList<>();
        List<String> unregistered = new ArrayList<>();
        int shown = 0;
        for (Path capture : HotReadsMatchTheTreeTest.captures()) {
            try (CaptureReader reader = CaptureFiles.open(capture)) {
                PacketRecord record = new PacketRecord();
                PacketFields packet = new PacketFields().tracking(new TcpPreferences(true, true, false).tracker());
                FieldValues viaFacts = new FieldValues();
                FieldValues viaTree = new FieldValues();
                long number = 0;
                while (next(reader, record)) {
                    packet.wrap(++number, record, 0);
                    if (packet.dissection().malformed()) {
                        continue; // the tree ends where the header breaks, before the analysis (as tshark shows none there)
                    }
                    for (FieldDef field : fields) {
                        packet.collect(field, viaFacts);
                        packet.treeCollect(field, viaTree);
                        shown += viaTree.count();
                        String a = FieldsText.all(field, viaFacts), b = FieldsText.all(field, viaTree);
                        if (!a.equals(b)) {
                            mismatches.add(capture.getFileName() + " #" + number + " " + field.name() + ": facts " + a + " tree " + b);
                        }
                    }
                    if (packet.streamFacts().analyzed()) {
                        for (DetailNode layer : PacketDetails.describe(number, record, packet.streamFacts())) {
                            unregistered(layer, unregistered);
                        }
                    }
                }
            }
        }
        assertThat(shown).as("tree occurrences of the analysis fields").isGreaterThan(50_000);
        assertThat(mismatches).as("fields that read otherwise from the tree; the first 20").isEmpty();
        assertThat(unregistered).isEmpty();
    }

    private static void unregistered(DetailNode node, List<String> out) {
        if (!node.name().isEmpty() && FieldRegistry.lookup(node.name()).isEmpty()) {
            out.add(node.name());
        }
        node.children().forEach(child -> unregistered(child, out));
    }

    private static boolean next(CaptureReader reader, PacketRecord record) throws IOException {
        try {
            return reader.next(record);
        } catch (CaptureFileException e) {
            return false;
        }
    }

    /** Every occurrence as {@code -T fields} prints it, comma-separated. */
    private static final class FieldsText {
        static String all(FieldDef field, FieldValues values) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < values.count(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                FieldText.appendValue(field, values, i, text);
            }
            return text.toString();
        }
    }
}
