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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tapdeck's TCP analysis against tshark 4.0.17's, with tshark's default (stateful)
 * preferences, on every capture of the corpus that has TCP: {@code tapdeck read -o
 * tcp.calculate_timestamps:TRUE -T fields} cell by cell for the {@code tcp.analysis.*},
 * {@code tcp.stream} and {@code tcp.time_*} fields, and the analysis marks of the packet
 * list's info column ({@code [TCP Retransmission] }, {@code [TCP Dup ACK 12#1] }, ...)
 * against those of tshark's {@code _ws.col.Info}; also on {@code analysis/zero-window.pcap},
 * made for the window flags no corpus capture has. tshark's answers were recorded by
 * {@code analysis/make-expected.sh}; differences are allowed only where
 * {@code analysis/analysis-exceptions.tsv} gives a reason, and a reason that no longer matches
 * a difference fails the run.
 */
class TcpAnalysisConformanceTest {
    private static final String EXPECTED = "analysis/";
    private static final String INFO = "_ws.col.Info";
    /** The marks TcpAnalysis.appendInfoMarks writes, and tshark's for port reuse, which Tapdeck does not give. */
    private static final Pattern MARK = Pattern.compile("\\[TCP (Retransmission|Fast Retransmission|Spurious Retransmission"
            + "|Out-Of-Order|Previous segment not captured|ACKed unseen segment|Window Update|Window Full|Keep-Alive"
            + "|Keep-Alive ACK|Dup ACK \\d+#\\d+|ZeroWindowProbe|ZeroWindow|ZeroWindowProbeAck|Port numbers reused)] ");
    private static CellAgreement agreement;

    @BeforeAll
    static void loadExceptions() throws IOException {
        agreement = new CellAgreement(KnownDifferences.load(EXPECTED + "analysis-exceptions.tsv", KnownDifferences.Kind.FIELDS));
    }

    private static Path expectedDirectory() throws URISyntaxException {
        return Path.of(TcpAnalysisConformanceTest.class.getResource(EXPECTED).toURI());
    }

    static List<String> captures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(expectedDirectory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv") && !n.endsWith("-exceptions.tsv"))
                    .map(n -> n.substring(0, n.length() - ".tsv".length())).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void analysisAgreesWithTshark(String name) throws IOException, URISyntaxException {
        List<String> expected = FieldsConformanceTest.resourceLines(EXPECTED + name + ".tsv");
        List<String> fields = Arrays.asList(expected.getFirst().split("\t"));
        List<String> compared = fields.subList(0, fields.indexOf(INFO));
        Path made = expectedDirectory().resolve(name); // made by make-zero-window.py, for what the corpus lacks
        String capture = (Files.exists(made) ? made : Corpus.directory().resolve(name)).toString();
        List<String> args = new ArrayList<>(List.of(capture, "-o", "tcp.calculate_timestamps:TRUE", "-T", "fields", "-E", "header=y"));
        compared.forEach(f -> args.addAll(List.of("-e", f)));
        List<String> actual = CommandRun.read(args.toArray(String[]::new)).lines();
        List<String> packetList = CommandRun.read(capture, "-o", "tcp.calculate_timestamps:TRUE").lines();
        assertThat(actual).as("header and packet lines of %s", name).hasSize(expected.size());
        assertThat(packetList).as("packet list of %s", name).hasSize(expected.size() - 1);

        List<String> differences = new ArrayList<>();
        for (int row = 1; row < expected.size(); row++) {
            String[] want = expected.get(row).split("\t", -1);
            String[] got = actual.get(row).split("\t", -1);
            for (int column = 0; column < compared.size(); column++) {
                agreement.compare(name, row, compared.get(column), want[column], column < got.length ? got[column] : "<missing column>", differences);
            }
            agreement.compare(name, row, INFO, marks(want[fields.indexOf(INFO)]), marks(packetList.get(row - 1)), differences);
        }
        agreement.finishCapture(name, differences);
    }

    /** The analysis marks in an info column, in order. */
    private static String marks(String info) {
        StringBuilder marks = new StringBuilder();
        Matcher mark = MARK.matcher(info);
        while (mark.find()) {
            marks.append(mark.group());
        }
        return marks.toString();
    }

    @AfterAll
    static void reportAgreementAndStaleExceptions() throws IOException, URISyntaxException {
        agreement.reportAndCheckStale("TCP analysis against tshark", captures().size());
    }
}
