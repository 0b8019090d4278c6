package dev.tapdeck.decode.field;

import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.CorpusTest;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A field's flyweight reader and the detail tree are two ways to the same values: on every
 * corpus packet, each hot field that the tree shows gives the same occurrences both ways.
 */
class HotReadsMatchTheTreeTest {
    @Test
    void everyHotFieldReadsAsTheTreeShowsIt() throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<FieldDef> hot = FieldRegistry.all().stream()
                .filter(f -> f.isHot() && f.type() != FieldType.PROTOCOL && !f.name().startsWith("frame.") && !f.name().startsWith("_ws."))
                .toList();
        int compared = 0;
        for (Path capture : captures()) {
            try (CaptureReader reader = CaptureFiles.open(capture)) {
                PacketRecord record = new PacketRecord();
                long number = 0;
                PacketFields fields = new PacketFields();
                FieldValues viaHot = new FieldValues();
                FieldValues viaTree = new FieldValues();
                while (next(reader, record)) {
                    fields.wrap(++number, record, 0);
                    for (FieldDef field : hot) {
                        fields.collect(field, viaHot);
                        fields.treeCollect(field, viaTree);
                        compared++;
                        String a = render(field, viaHot), b = render(field, viaTree);
                        if (!a.equals(b)) {
                            mismatches.add(capture.getFileName() + " #" + number + " " + field + ": hot " + a + " tree " + b);
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(100_000);
        assertThat(mismatches).isEmpty();
    }

    private static boolean next(CaptureReader reader, PacketRecord record) throws IOException {
        try {
            return reader.next(record);
        } catch (CaptureFileException e) {
            return false;
        }
    }

    private static String render(FieldDef field, FieldValues values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.count(); i++) {
            s.append(i > 0 ? "," : "").append(field.type().isNumeric() || field.type() == FieldType.IPV4 ? Long.toString(values.number(i)) : values.text(i));
        }
        return s.append(']').toString();
    }

    static List<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(CorpusTest.corpus())) {
            return files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).sorted().toList();
        }
    }
}
