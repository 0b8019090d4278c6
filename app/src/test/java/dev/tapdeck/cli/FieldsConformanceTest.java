package dev.tapdeck.cli;

import dev.tapdeck.decode.field.FieldRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapdeck read -T fields} against tshark's {@code -T fields} on every capture of the
 * corpus, cell by cell: the fields of {@code oracle.sh} and every field that
 * {@code filters.txt} names, printed by the real command. tshark's output was recorded by
 * {@code conformance/make-expected.sh}; a field Tapdeck does not know prints as an empty
 * column here, so it agrees wherever tshark has no value either. Differences are allowed only
 * where {@code conformance/fields-exceptions.tsv} gives a reason, and a reason that no longer
 * matches a difference fails the run.
 */
class FieldsConformanceTest {
    private static final String EXPECTED = "conformance/fields/";
    private static KnownDifferences exceptions;
    /** Per field: cells compared, cells equal, cells excused. */
    private static final Map<String, int[]> agreement = new LinkedHashMap<>();
    private static int capturesCompared;
    private static int pairs;
    private static int pairsAgreeing;

    @BeforeAll
    static void loadExceptions() throws IOException {
        exceptions = KnownDifferences.load("conformance/fields-exceptions.tsv", KnownDifferences.Kind.FIELDS);
    }

    static List<Path> captures() throws IOException {
        return Corpus.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void readFieldsPrintsWhatTsharkPrints(Path capture) throws IOException {
        String name = capture.getFileName().toString();
        List<String> expected = resourceLines(EXPECTED + name + ".tsv.gz");
        List<String> fields = Arrays.asList(expected.getFirst().split("\t"));
        List<String> known = fields.stream().filter(f -> FieldRegistry.lookup(f).isPresent()).toList();
        List<String> args = new ArrayList<>(List.of(capture.toString(), "-T", "fields", "-E", "header=y"));
        known.forEach(f -> args.addAll(List.of("-e", f)));

        CommandRun run = CommandRun.read(args.toArray(String[]::new));

        boolean tsharkFailed = KnownDifferences.class.getResource(EXPECTED + name + ".stderr") != null;
        assertThat(run.exitCode() != 0).as("tapdeck's exit status %d on %s, where tshark's was %s; stderr: %s",
                run.exitCode(), name, tsharkFailed ? "not 0" : "0", run.stderr()).isEqualTo(tsharkFailed);
        List<String> actual = run.lines();
        assertThat(actual).as("header and packet lines of %s", name).hasSize(expected.size());
        assertThat(actual.getFirst()).isEqualTo(String.join("\t", known));

        List<String> differences = new ArrayList<>();
        Map<String, Boolean> fieldAgrees = new LinkedHashMap<>();
        for (int row = 1; row < expected.size(); row++) {
            String[] want = expected.get(row).split("\t", -1);
            String[] got = actual.get(row).split("\t", -1);
            assertThat(want).as("tshark's columns in line %d of %s", row + 1, name).hasSameSizeAs(fields);
            for (int column = 0; column < fields.size(); column++) {
                String field = fields.get(column);
                int at = known.indexOf(field);
                String value = at < 0 ? "" : at < got.length ? got[at] : "<missing column>";
                int[] counts = agreement.computeIfAbsent(field, f -> new int[3]);
                counts[0]++;
                if (value.equals(want[column])) {
                    counts[1]++;
                    fieldAgrees.putIfAbsent(field, true);
                    continue;
                }
                fieldAgrees.put(field, false);
                if (exceptions.find(name, field, row) != null) {
                    counts[2]++;
                } else {
                    differences.add("frame " + row + " " + field + ": tshark \"" + want[column] + "\", tapdeck \""
                            + value + "\"" + (at < 0 ? " (not a Tapdeck field)" : ""));
                }
            }
        }
        synchronized (FieldsConformanceTest.class) {
            capturesCompared++;
            pairs += fields.size();
            pairsAgreeing += (int) fields.stream().filter(f -> fieldAgrees.getOrDefault(f, true)).count();
        }
        assertThat(differences.size()).as("differences from tshark in %s without a reason in %s; the first 50:%n%s", name,
                exceptions.resource(), String.join("\n", differences.subList(0, Math.min(50, differences.size())))).isZero();
    }

    /** The lines of a test resource; one named {@code .gz} is gzip-compressed. */
    static List<String> resourceLines(String resource) throws IOException {
        try (InputStream in = KnownDifferences.class.getResourceAsStream(resource)) {
            assertThat(in).as("expected results %s (made by its make-expected.sh)", resource).isNotNull();
            InputStream text = resource.endsWith(".gz") ? new GZIPInputStream(in) : in;
            return new String(text.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @AfterAll
    static void reportAgreementAndStaleExceptions() throws IOException {
        StringBuilder report = new StringBuilder(String.format(
                "-T fields against tshark: %d of %d capture x field pairs agree in every packet; per field (cells equal + excused / compared):%n",
                pairsAgreeing, pairs));
        agreement.forEach((field, counts) -> report.append(String.format("  %-42s %7d + %-6d / %-7d%n", field, counts[1], counts[2], counts[0])));
        System.out.print(report);
        if (capturesCompared < Corpus.captures().size()) {
            return; // a partial run cannot tell which exceptions are stale
        }
        assertThat(exceptions.unused()).as("exceptions that match no difference any more: remove them from %s", exceptions.resource())
                .isEmpty();
    }
}
