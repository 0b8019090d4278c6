package dev.tapdeck.stream.message;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.FieldText;
import dev.tapdeck.decode.field.FieldValues;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.TcpPreferences;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP, TLS, DNS-over-TCP and RESP messages over real captures, reassembled and decoded,
 * against tshark with its default desegmentation: on every TCP frame of every corpus capture
 * that has such messages, and of the captures in {@code messages/} (Redis traffic recorded by
 * {@code make-redis-capture.sh}, TLS handshakes over records by {@code make-tls-fragments-capture.sh},
 * lost segments by {@code make-lossy-captures.sh}), the fields of {@code messages/fields.txt} as
 * {@code -T fields} prints them ({@code messages/make-expected.sh}); and, the capture read twice
 * as {@code tshark -2} reads it, HTTP's links to later frames ({@code two-pass/}). The differences
 * Tapdeck makes on purpose are listed, each with its reason, in each folder's {@code exceptions.tsv}.
 */
class MessagesMatchTsharkTest {
    @Test
    void everyTcpFrameShowsTsharksMessageFields() throws IOException, URISyntaxException {
        assertMatchesTshark("messages", false, 100_000);
    }

    @Test
    void readTwiceEveryTcpFrameShowsTsharksLinksToLaterFrames() throws IOException, URISyntaxException {
        assertMatchesTshark("two-pass", true, 30_000);
    }

    private static void assertMatchesTshark(String folder, boolean twoPass, int leastCompared) throws IOException, URISyntaxException {
        Path dir = Path.of(MessagesMatchTsharkTest.class.getResource(folder + "/fields.txt").toURI()).getParent();
        Path captures = dir.resolveSibling("messages");
        List<FieldDef> fields = Files.readAllLines(dir.resolve("fields.txt")).stream().map(FieldRegistry::require).toList();
        Map<String, String> exceptions = exceptions(dir.resolve("exceptions.tsv"));
        List<String> differences = new ArrayList<>();
        int[] compared = {0};
        List<Path> expectations;
        try (Stream<Path> files = Files.list(dir)) {
            expectations = files.filter(f -> f.toString().endsWith(".tsv") && !f.getFileName().toString().equals("exceptions.tsv"))
                    .sorted().toList();
        }
        for (Path expected : expectations) {
            String capture = expected.getFileName().toString().replaceFirst("\\.tsv$", "");
            Map<Long, String[]> tshark = new LinkedHashMap<>();
            for (String line : Files.readAllLines(expected)) {
                String[] columns = line.split("\t", -1);
                tshark.put(Long.parseLong(columns[0]), columns);
            }
            Path file = Files.exists(captures.resolve(capture)) ? captures.resolve(capture) : CorpusPayloads.CORPUS.resolve(capture);
            compare(file, twoPass, fields, tshark, exceptions, differences, compared);
        }
        assertThat(compared[0]).as("values compared").isGreaterThan(leastCompared);
        assertThat(differences).isEmpty();
    }

    private static void compare(Path file, boolean twoPass, List<FieldDef> fields, Map<Long, String[]> tshark, Map<String, String> exceptions,
                                List<String> differences, int[] compared) throws IOException {
        TcpPreferences preferences = new TcpPreferences(true, false, true);
        LaterFrames later = LaterFrames.NONE;
        if (twoPass) {
            try (CaptureReader reader = CaptureFiles.open(file)) {
                later = LaterFrames.learn(reader, Long.MAX_VALUE, preferences);
            }
        }
        PacketFields packet = new PacketFields().desegmenting(preferences.tracker(), new StreamMessages(StreamMessages.builtIn(), later));
        FieldValues values = new FieldValues();
        PacketRecord record = new PacketRecord();
        long first = -1;
        String capture = file.getFileName().toString();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            for (long frame = 1; CorpusPayloads.next(reader, record); frame++) {
                if (first < 0) {
                    first = record.epochNanos();
                }
                packet.wrap(frame, record, first);
                String[] expected = tshark.get(frame);
                if (expected == null) {
                    continue;
                }
                for (int i = 0; i < fields.size(); i++) {
                    FieldDef field = fields.get(i);
                    packet.collect(field, values);
                    StringBuilder ours = new StringBuilder();
                    for (int v = 0; v < values.count(); v++) {
                        if (v > 0) {
                            ours.append(',');
                        }
                        FieldText.append(packet, field, values, v, ours);
                    }
                    compared[0]++;
                    if (!ours.toString().equals(expected[i + 1]) && !exceptions.containsKey(capture + "\t" + frame + "\t" + field.name())
                            && !exceptions.containsKey(capture + "\t*\t" + field.name())) {
                        differences.add(capture + " frame " + frame + " " + field.name() + ": tshark [" + expected[i + 1] + "], Tapdeck [" + ours + "]");
                    }
                }
            }
        }
    }

    /** capture, frame (or *), field: the differences made on purpose, each line ending with its reason. */
    private static Map<String, String> exceptions(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t", 4);
                    out.put(f[0] + "\t" + f[1] + "\t" + f[2], f.length > 3 ? f[3] : "");
                }
            }
        }
        return out;
    }

}
