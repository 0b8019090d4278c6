package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.detail.PacketDetails;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every node of the detail tree of every corpus packet takes its field from the registry:
 * a named node's field is declared, filterable (of no type only where Wireshark's is
 * FT_NONE), and its shown value reads back by the field's type as filters read it.
 */
class DetailTreeFieldsTest {
    private static final PacketDecoder DECODER = new PacketDecoder();

    @Test
    void everyNodeIsARegistryFieldWhoseValueReadsBack() throws IOException {
        Map<String, String> tshark = FieldRegistryTest.referenceGlossary();
        List<String> problems = new ArrayList<>();
        int[] nodes = {0};
        for (Path capture : HotReadsMatchTheTreeTest.captures()) {
            try (CaptureReader reader = CaptureFiles.open(capture)) {
                PacketRecord record = new PacketRecord();
                long number = 0;
                while (next(reader, record)) {
                    number++;
                    Dissection d = DECODER.decode(record);
                    String where = capture.getFileName() + " #" + number;
                    for (DetailNode layer : PacketDetails.describe(number, record)) {
                        check(layer, true, d, tshark, where, problems, nodes);
                    }
                }
            }
        }
        assertThat(nodes[0]).as("nodes checked").isGreaterThan(500_000);
        assertThat(problems).isEmpty();
    }

    private static void check(DetailNode node, boolean layer, Dissection d, Map<String, String> tshark, String where,
                              List<String> problems, int[] nodes) {
        nodes[0]++;
        if (node.name().isEmpty()) {
            if (node.value() != null) {
                problems.add(where + ": a text line with a value: " + node.label());
            }
        } else {
            Optional<FieldDef> field = FieldRegistry.lookup(node.name());
            if (field.isEmpty()) {
                problems.add(where + ": " + node.name() + " is not in the registry");
            } else {
                checkField(field.get(), node, layer, d, tshark, where, problems);
            }
        }
        node.children().forEach(child -> check(child, false, d, tshark, where, problems, nodes));
    }

    private static void checkField(FieldDef field, DetailNode node, boolean layer, Dissection d, Map<String, String> tshark,
                                   String where, List<String> problems) {
        String[] glossary = tshark.getOrDefault(field.name(), "").split("\t", -1);
        String wiresharkType = glossary.length > 3 ? glossary[3] : "FT_PROTOCOL";
        if (field.type() == FieldType.NONE && !wiresharkType.equals("FT_NONE")) {
            problems.add(where + ": " + field.name() + " has no type, Wireshark's is " + wiresharkType);
        }
        FieldValues values = new FieldValues();
        try {
            TreeValues.add(field.type(), node, layer, d.bytes(), d.capturedLength(), values);
        } catch (RuntimeException e) {
            problems.add(where + ": " + field.name() + " value '" + node.value() + "' does not read as " + field.type() + ": " + e);
            return;
        }
        if (values.count() != 1) {
            problems.add(where + ": " + field.name() + " read as " + values.count() + " values");
            return;
        }
        int bits = field.type().bits();
        if (field.type().isInteger() && !field.type().isSigned() && bits < 64 && values.number(0) >>> bits != 0) {
            problems.add(where + ": " + field.name() + " value '" + node.value() + "' read as " + values.number(0) + ", past " + field.type());
        }
        if (field.type() == FieldType.BOOLEAN && values.number(0) > 1) {
            problems.add(where + ": " + field.name() + " value '" + node.value() + "' is no boolean");
        }
    }

    private static boolean next(CaptureReader reader, PacketRecord record) throws IOException {
        try {
            return reader.next(record);
        } catch (CaptureFileException e) {
            return false;
        }
    }
}
