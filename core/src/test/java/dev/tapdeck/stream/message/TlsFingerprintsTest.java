package dev.tapdeck.stream.message;

import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.FieldValues;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JA3 and JA4 of every ClientHello of the corpus against {@code tls-fingerprints.tsv}:
 * tshark's own JA3, and a JA4 computed apart from Tapdeck from the lists tshark reads
 * ({@code make-tls-fingerprints.sh}). Every one of those hellos fits in its segment, so
 * the packet's own fields have them.
 */
class TlsFingerprintsTest {
    @Test
    void everyClientHelloHasTsharksJa3AndTheReferenceJa4() throws IOException {
        Map<String, Map<Long, List<String>>> expected = new LinkedHashMap<>();
        try (InputStream in = TlsFingerprintsTest.class.getResourceAsStream("tls-fingerprints.tsv")) {
            assertThat(in).as("tls-fingerprints.tsv, made by make-tls-fingerprints.sh").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t", -1);
                expected.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(Long.parseLong(f[1]), List.of(f[2], f[3], f[4]));
            }
        }
        assertThat(expected.values().stream().mapToInt(Map::size).sum()).isGreaterThan(300);
        for (var capture : expected.entrySet()) {
            Map<Long, List<String>> ours = fingerprints(capture.getKey());
            for (var hello : capture.getValue().entrySet()) {
                assertThat(ours.get(hello.getKey())).as("%s frame %d", capture.getKey(), hello.getKey()).isEqualTo(hello.getValue());
            }
        }
    }

    /** JA3 full string, JA3 and JA4 of each packet that has them. */
    private static Map<Long, List<String>> fingerprints(String capture) throws IOException {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        PacketFields fields = new PacketFields();
        FieldValues values = new FieldValues();
        PacketRecord record = new PacketRecord();
        try (CaptureReader reader = CaptureFiles.open(CorpusPayloads.CORPUS.resolve(capture))) {
            for (long frame = 1; CorpusPayloads.next(reader, record); frame++) {
                fields.wrap(frame, record, 0);
                List<String> row = new ArrayList<>();
                for (String name : List.of("tls.handshake.ja3_full", "tls.handshake.ja3", "tls.handshake.ja4")) {
                    fields.collect(FieldRegistry.require(name), values);
                    if (values.count() == 1) {
                        row.add(values.text(0));
                    }
                }
                if (!row.isEmpty()) {
                    out.put(frame, row);
                }
            }
        }
        return out;
    }

}
