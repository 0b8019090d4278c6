package dev.tapdeck.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapdeck read FILE -Y FILTER -T fields -e frame.number} against the frames tshark
 * selects, for every capture of the corpus and every filter of {@code filters.txt}: the real
 * command, so numbering, the filter and the printing are all in it. tshark's frames were
 * recorded by {@code conformance/make-expected.sh}. A pair may differ only where
 * {@code conformance/filter-exceptions.tsv} gives a reason, and a reason that no longer
 * matches a difference fails the run.
 */
class FilterConformanceTest {
    private static KnownDifferences exceptions;
    private static List<String> filters;
    private static int capturesCompared;
    private static int pairs;
    private static int pairsAgreeing;
    private static int pairsExcused;

    @BeforeAll
    static void load() throws IOException {
        exceptions = KnownDifferences.load("conformance/filter-exceptions.tsv", KnownDifferences.Kind.FILTERS);
        filters = Files.readAllLines(Corpus.directory().resolve("filters.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    static List<Path> captures() throws IOException {
        return Corpus.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void readSelectsTheFramesTsharkSelects(Path capture) throws IOException {
        String name = capture.getFileName().toString();
        List<String[]> expected = FieldsConformanceTest.resourceLines("conformance/frames/" + name + ".tsv").stream()
                .map(line -> line.split("\t", -1)).toList();
        assertThat(expected.stream().map(columns -> columns[0]).toList())
                .as("the filters tshark was asked about are those of filters.txt: run conformance/make-expected.sh again")
                .isEqualTo(filters);

        List<String> differences = new ArrayList<>();
        int agreeing = 0, excused = 0;
        for (String[] columns : expected) {
            String filter = columns[0];
            String tsharkFrames = columns[1];
            boolean tsharkFailed = columns.length > 2;
            CommandRun run = CommandRun.read(capture.toString(), "-Y", filter, "-T", "fields", "-e", "frame.number");
            String frames = ranges(run.lines());
            if (frames.equals(tsharkFrames) && (run.exitCode() != 0) == tsharkFailed) {
                agreeing++;
            } else if (exceptions.find(name, filter, 0) != null) {
                excused++;
            } else {
                differences.add(filter + "\n      tshark:  " + tsharkFrames + (tsharkFailed ? " (" + columns[2] + ")" : "")
                        + "\n      tapdeck: " + frames + (run.exitCode() != 0 ? " (exit " + run.exitCode() + ": " + run.stderr().strip() + ")" : ""));
            }
        }
        synchronized (FilterConformanceTest.class) {
            capturesCompared++;
            pairs += expected.size();
            pairsAgreeing += agreeing;
            pairsExcused += excused;
        }
        assertThat(differences).as("filters selecting other frames than tshark's in %s, without a reason in %s",
                name, exceptions.resource()).isEmpty();
    }

    /** Frame numbers, one a line, as ranges: {@code 1-3,7}. */
    static String ranges(List<String> numbers) {
        StringBuilder out = new StringBuilder();
        long first = -1, last = -1;
        for (String line : numbers) {
            long n = Long.parseLong(line.strip());
            if (first >= 0 && n == last + 1) {
                last = n;
                continue;
            }
            appendRange(out, first, last);
            first = last = n;
        }
        appendRange(out, first, last);
        return out.toString();
    }

    private static void appendRange(StringBuilder out, long first, long last) {
        if (first < 0) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(',');
        }
        out.append(first);
        if (last > first) {
            out.append('-').append(last);
        }
    }

    @AfterAll
    static void reportAgreementAndStaleExceptions() throws IOException {
        System.out.printf("-Y against tshark: %d capture x filter pairs, %d agree, %d differ with a reason in %s%n",
                pairs, pairsAgreeing, pairsExcused, exceptions.resource());
        if (capturesCompared < Corpus.captures().size()) {
            return; // a partial run cannot tell which exceptions are stale
        }
        assertThat(exceptions.unused()).as("exceptions that match no difference any more: remove them from %s", exceptions.resource())
                .isEmpty();
    }
}
