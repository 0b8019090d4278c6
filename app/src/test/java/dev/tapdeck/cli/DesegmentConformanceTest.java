package dev.tapdeck.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packet list with TCP desegmentation against tshark 4.0.17's with its default
 * preferences, on every TCP frame of every corpus capture with TCP: {@code tapdeck read -o
 * tcp.desegment_tcp_streams:TRUE -Y tcp -T fields} for {@code frame.protocols},
 * {@code _ws.col.Protocol} and {@code _ws.col.Info}, cell by cell, frame by frame: a message
 * split over segments is shown on the segment that completes it, the others as segments of a
 * reassembled PDU. tshark's answers were recorded by {@code desegment/make-expected.sh};
 * differences are allowed only where {@code desegment/desegment-exceptions.tsv} gives a
 * reason, and a reason that no longer matches a difference fails the run.
 */
class DesegmentConformanceTest {
    private static final String EXPECTED = "desegment/";
    private static final String SUFFIX = ".tsv.gz";
    private static CellAgreement agreement;

    @BeforeAll
    static void loadExceptions() throws IOException {
        agreement = new CellAgreement(KnownDifferences.load(EXPECTED + "desegment-exceptions.tsv", KnownDifferences.Kind.FIELDS));
    }

    static List<String> captures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(Path.of(DesegmentConformanceTest.class.getResource(EXPECTED).toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length())).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void packetListAgreesWithTshark(String name) throws IOException {
        List<String> expected = FieldsConformanceTest.resourceLines(EXPECTED + name + SUFFIX);
        List<String> fields = Arrays.asList(expected.getFirst().split("\t"));
        List<String> args = new ArrayList<>(List.of(Corpus.directory().resolve(name).toString(),
                "-o", "tcp.desegment_tcp_streams:TRUE", "-Y", "tcp", "-T", "fields", "-E", "header=y"));
        fields.forEach(f -> args.addAll(List.of("-e", f)));
        List<String> actual = CommandRun.read(args.toArray(String[]::new)).lines();
        assertThat(actual.getFirst()).as("header of %s", name).isEqualTo(expected.getFirst());

        Map<String, String[]> tapdeck = new LinkedHashMap<>();
        actual.stream().skip(1).map(line -> line.split("\t", -1)).forEach(row -> tapdeck.put(row[0], row));
        List<String> differences = new ArrayList<>();
        for (String line : expected.subList(1, expected.size())) {
            String[] want = line.split("\t", -1);
            int frame = Integer.parseInt(want[0]);
            String[] got = tapdeck.remove(want[0]);
            if (got == null) {
                agreement.compare(name, frame, fields.getFirst(), want[0], "<no such TCP frame>", differences);
                continue;
            }
            for (int column = 1; column < fields.size(); column++) {
                agreement.compare(name, frame, fields.get(column), want[column], column < got.length ? got[column] : "<missing column>", differences);
            }
        }
        tapdeck.keySet().forEach(frame -> agreement.compare(name, Integer.parseInt(frame), fields.getFirst(), "<no such TCP frame>", frame, differences));
        agreement.finishCapture(name, differences);
    }

    @AfterAll
    static void reportAgreementAndStaleExceptions() throws IOException, URISyntaxException {
        agreement.reportAndCheckStale("Packet list with TCP desegmentation against tshark", captures().size());
    }
}
