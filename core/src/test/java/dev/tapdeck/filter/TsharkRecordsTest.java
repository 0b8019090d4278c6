package dev.tapdeck.filter;

import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Filters against what tshark 4.0.17 said of them, recorded by {@code record-tshark.sh} in
 * this package's test resources: for each filter it refuses, the same message with the same
 * caret; for each it takes, the same frames of the corpus captures it lists, read one after
 * another as {@code mergecap -a} joins them.
 */
class TsharkRecordsTest {
    private static List<PacketRecord> packets;

    @BeforeAll
    static void readCaptures() throws IOException {
        packets = new ArrayList<>();
        for (String capture : lines("captures.txt")) {
            if (!capture.isBlank() && !capture.startsWith("#")) {
                packets.addAll(CorpusPackets.read(capture));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> refusedAsTsharkRefusesThem() throws IOException {
        Map<String, String> expected = records("bad-filters.expected");
        assertThat(expected).hasSizeGreaterThan(150);
        return expected.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () ->
                assertThatThrownBy(() -> DisplayFilter.compile(entry.getKey()))
                        .isInstanceOfSatisfying(FilterException.class, e ->
                                assertThat(e.formatted()).isEqualTo(entry.getValue()))));
    }

    @TestFactory
    Stream<DynamicTest> selectTheFramesTsharkSelects() throws IOException {
        Map<String, String> expected = records("good-filters.expected");
        assertThat(expected).hasSizeGreaterThan(300);
        return expected.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            List<Long> frames = CorpusPackets.selected(DisplayFilter.compile(entry.getKey()), packets);
            assertThat(frames.stream().map(String::valueOf).collect(Collectors.joining(" "))).isEqualTo(entry.getValue());
        }));
    }

    /** A {@code .expected} file: after each {@code ### FILTER} line, tshark's answer up to the next. */
    private static Map<String, String> records(String name) throws IOException {
        Map<String, String> records = new LinkedHashMap<>();
        String filter = null;
        List<String> answer = new ArrayList<>();
        for (String line : lines(name)) {
            if (line.startsWith("### ")) {
                if (filter != null) {
                    records.put(filter, String.join("\n", answer));
                }
                filter = line.substring(4);
                answer.clear();
            } else {
                answer.add(line);
            }
        }
        if (filter != null) {
            records.put(filter, String.join("\n", answer));
        }
        return records;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = TsharkRecordsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Every line ends in a newline; an empty line before the end is an empty answer.
            return Arrays.asList(text.substring(0, text.length() - (text.endsWith("\n") ? 1 : 0)).split("\n", -1));
        }
    }
}
