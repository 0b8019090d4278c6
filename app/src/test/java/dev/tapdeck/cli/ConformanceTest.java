package dev.tapdeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.decode.Field;
import dev.tapdeck.decode.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapdeck read --json} against tshark's decoding of every capture in the reference
 * corpus, key by key and value by value, packet by packet. Differences are allowed only where
 * the checked-in exceptions list gives a reason; an exception that no longer matches anything
 * fails the run, so the list stays short and true.
 */
class ConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Protocols Tapdeck decodes, by Wireshark name: {@code frame.protocols} is compared when tshark's chain has only these. */
    private static final Set<String> DECODED = Arrays.stream(Protocol.values()).map(Protocol::filterName).collect(Collectors.toSet());

    private static List<ConformanceExceptions.Rule> rules;
    private static final Map<String, int[]> agreement = new TreeMap<>();
    private static final Set<ConformanceExceptions.Rule> usedRules = new LinkedHashSet<>();
    private static int capturesCompared;

    @BeforeAll
    static void loadExceptions() throws IOException {
        rules = ConformanceExceptions.load();
        for (Field field : Field.values()) {
            agreement.put(field.filterName(), new int[2]);
        }
    }

    static List<Path> captures() throws IOException {
        return Corpus.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void readJsonAgreesWithTshark(Path capture) throws IOException {
        String name = capture.getFileName().toString();
        Path stderrFile = capture.resolveSibling(name + ".expected.stderr");
        List<String> expected = Files.readAllLines(capture.resolveSibling(name + ".expected.jsonl"));

        CommandRun run = CommandRun.read(capture.toString(), "--json");

        if (Files.exists(stderrFile)) {
            assertThat(run.exitCode()).as("tshark stopped with an error on %s, so must we", name).isNotZero();
            assertThat(run.stderr()).as("one clear line on standard error").isNotBlank();
        } else {
            assertThat(run.exitCode()).as("exit status for %s; stderr: %s", name, run.stderr()).isZero();
        }
        capturesCompared++;
        List<String> actual = run.lines();
        assertThat(actual).as("packets printed for %s", name).hasSize(expected.size());

        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            comparePacket(name, i + 1, JSON.readTree(expected.get(i)), JSON.readTree(actual.get(i)), differences);
        }
        assertThat(differences).as("differences from tshark in %s without a reason in %s",
                name, ConformanceExceptions.RESOURCE).isEmpty();
    }

    private static void comparePacket(String file, int frame, JsonNode expected, JsonNode actual, List<String> differences) {
        Set<String> keys = new LinkedHashSet<>();
        expected.fieldNames().forEachRemaining(keys::add);
        actual.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode want = expected.get(key);
            JsonNode got = actual.get(key);
            if (key.equals(Field.FRAME_PROTOCOLS.filterName()) && want != null && !onlyDecodedProtocols(want.asText())) {
                continue;
            }
            int[] counts = agreement.computeIfAbsent(key, k -> new int[2]);
            counts[0]++;
            if (want != null && want.equals(got)) {
                counts[1]++;
                continue;
            }
            ConformanceExceptions.Rule rule = ConformanceExceptions.match(rules, file, frame, key, expected);
            if (rule != null) {
                usedRules.add(rule);
                continue;
            }
            differences.add("frame " + frame + " " + key + ": tshark " + want + ", tapdeck " + got);
        }
    }

    private static int captureCount() {
        try {
            return Corpus.captures().size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean onlyDecodedProtocols(String chain) {
        for (String protocol : chain.split(":")) {
            if (!DECODED.contains(protocol)) {
                return false;
            }
        }
        return true;
    }

    @AfterAll
    static void reportAgreementAndStaleExceptions() {
        StringBuilder report = new StringBuilder("Agreement with tshark per field (values equal / values compared):\n");
        for (Iterator<Map.Entry<String, int[]>> it = agreement.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, int[]> entry = it.next();
            int[] counts = entry.getValue();
            if (counts[0] > 0) {
                report.append(String.format("  %-40s %7d / %-7d %6.2f%%%n", entry.getKey(), counts[1], counts[0], 100.0 * counts[1] / counts[0]));
            }
        }
        System.out.print(report);
        if (capturesCompared < captureCount()) {
            return; // a partial run cannot tell which exceptions are stale
        }
        List<ConformanceExceptions.Rule> stale = rules.stream().filter(r -> !usedRules.contains(r)).toList();
        assertThat(stale).as("exceptions that match no difference any more: remove them from %s", ConformanceExceptions.RESOURCE).isEmpty();
    }
}
