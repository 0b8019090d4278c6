package dev.tapdeck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapdeck read -Y} in every output mode, and {@code -T fields} with tshark's {@code -E}
 * options. The expected lines are tshark 4.0.17's for the same files and options.
 */
class ReadFilterAndFieldsTest {
    private static final Path CORPUS = Corpus.directory();
    private static final String HTTP = CORPUS.resolve("dpkt-http.pcap").toString();
    /** PPPoE and L2TP tunnels: IPv6 inside IPv4, so ipv6.addr has two occurrences and ip.src is the outer header's. */
    private static final String TUNNELS = CORPUS.resolve("dpkt-nb6-http.pcap").toString();
    /** The frames of dpkt-http.pcap that {@code tcp.len > 0} selects (tshark -Y). */
    private static final List<Long> WITH_PAYLOAD = List.of(4L, 6L, 8L, 10L, 11L, 14L, 16L, 18L, 20L, 21L, 23L, 26L, 27L, 29L, 31L, 32L, 34L, 36L, 38L);

    @Test
    void theFieldsOutputPrintsTheFramesTheFilterSelectsWithTheirNumbersInTheFile() {
        CommandRun run = CommandRun.read(HTTP, "-Y", "tcp.len > 0", "-T", "fields", "-e", "frame.number");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(numbers(run.lines())).isEqualTo(WITH_PAYLOAD);
    }

    @Test
    void thePacketListPrintsOnlyTheMatchingPackets() {
        CommandRun all = CommandRun.read(HTTP);
        CommandRun run = CommandRun.read(HTTP, "--display-filter", "tcp.len > 0");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(numbers(run.lines().stream().map(line -> line.strip().split(" ")[0]).toList())).isEqualTo(WITH_PAYLOAD);
        assertThat(run.lines()).as("the lines unfiltered reading prints for those packets, relative times too")
                .isEqualTo(WITH_PAYLOAD.stream().map(n -> all.lines().get((int) (n - 1))).toList());
    }

    @Test
    void jsonPrintsOnlyTheMatchingPackets() throws IOException {
        CommandRun run = CommandRun.read(HTTP, "--json", "-Y", "tcp.len > 0");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<Long> numbers = new ArrayList<>();
        for (String line : run.lines()) {
            numbers.add(new ObjectMapper().readTree(line).get("frame.number").asLong());
        }
        assertThat(numbers).isEqualTo(WITH_PAYLOAD);
    }

    @Test
    void statsCountsOnlyTheMatchingPackets() {
        CommandRun run = CommandRun.read("--stats", "-Y", "tcp.len > 0", HTTP);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout())
                .contains("Display filter: tcp.len > 0 (19 of 43 packets match)")
                .contains(String.format("Packets:        19%n"))
                .containsPattern("\\n  tcp\\s+19 ")
                .doesNotContainPattern("\\n  dns\\s");
    }

    @Test
    void countLimitsThePacketsReadAsTsharksDoes() {
        // tshark 4.0.17 -r dpkt-http.pcap -Y 'tcp.len > 0' -c 6 prints frames 4 and 6: it reads six packets.
        CommandRun run = CommandRun.read(HTTP, "-Y", "tcp.len > 0", "-c", "6", "-T", "fields", "-e", "frame.number");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.lines()).containsExactly("4", "6");
    }

    @Test
    void standardInputIsFilteredAsAFileIs() throws IOException {
        CommandRun run = CommandRun.readStandardInput(Files.readAllBytes(Path.of(HTTP)), "-", "-Y", "tcp.len > 0", "-T", "fields", "-e", "frame.number");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(numbers(run.lines())).isEqualTo(WITH_PAYLOAD);
    }

    @Test
    void workerThreadsAndStandardInputPrintTheSameFilteredFields(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("sample.pcap");
        assertThat(CommandRun.generate("-w", capture.toString(), "--packets", "5000", "--seed", "5").exitCode()).isZero();
        String[] options = {"-Y", "tcp.port == 443 || dns", "-T", "fields", "-e", "frame.number", "-e", "ip.src", "-e", "tcp.flags",
                "-e", "frame.time_relative", "-e", "dns.qry.name"};

        CommandRun fromFile = CommandRun.read(concat(capture.toString(), options));
        CommandRun fromInput = CommandRun.readStandardInput(Files.readAllBytes(capture), concat("-", options));

        assertThat(fromFile.exitCode()).as(fromFile.stderr()).isZero();
        assertThat(fromFile.lines()).hasSizeBetween(100, 4900).isEqualTo(fromInput.lines());
    }

    @Test
    void aBadFilterIsTsharksMessageWithTheFilterAndACaretBeforeAnythingIsRead() {
        CommandRun run = CommandRun.read("/nonexistent/capture.pcap", "-Y", "tcp.prot == 1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("""
                tapdeck read: Left side of "==" expression must be a field or function, not tcp.prot.
                    tcp.prot == 1
                    ^~~~~~~~
                """);
    }

    @Test
    void analyzeAndCaptureRefuseABadFilterTheSameWay() {
        for (CommandRun run : List.of(CommandRun.analyze(HTTP, "-Y", "tcp.prot == 1"),
                CommandRun.capture("-i", "lo", "-c", "1", "-Y", "tcp.prot == 1"))) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr()).endsWith(": Left side of \"==\" expression must be a field or function, not tcp.prot.\n"
                    + "    tcp.prot == 1\n    ^~~~~~~~\n");
        }
    }

    @Test
    void fieldsAreTabSeparatedWithEveryOccurrenceJoinedByCommas() {
        List<String> lines = fields();

        assertThat(lines.subList(17, 20)).containsExactly(
                "18\t\t",
                "19\tfe80::ca4c:75ff:fe78:ed00,ff02::1\t109.6.1.72",
                "20\t\t95.136.242.99");
    }

    @Test
    void occurrenceChoosesTheFirstTheLastOrAll() {
        assertThat(fields("-E", "occurrence=f").get(18)).isEqualTo("19\tfe80::ca4c:75ff:fe78:ed00\t109.6.1.72");
        assertThat(fields("-E", "occurrence=l").get(18)).isEqualTo("19\tff02::1\t109.6.1.72");
        assertThat(fields("-E", "occurrence=a").get(18)).isEqualTo("19\tfe80::ca4c:75ff:fe78:ed00,ff02::1\t109.6.1.72");
    }

    @Test
    void separatorAggregatorAndQuotesAreTsharks() {
        assertThat(fields("-E", "separator=,").get(18)).isEqualTo("19,fe80::ca4c:75ff:fe78:ed00,ff02::1,109.6.1.72");
        assertThat(fields("-E", "separator=/s", "-E", "aggregator=;").get(18)).isEqualTo("19 fe80::ca4c:75ff:fe78:ed00;ff02::1 109.6.1.72");
        assertThat(fields("-E", "aggregator=/s").get(18)).isEqualTo("19\tfe80::ca4c:75ff:fe78:ed00 ff02::1\t109.6.1.72");
        assertThat(fields("-E", "quote=s").get(19)).isEqualTo("'20'\t\t'95.136.242.99'");
        // tshark 4.0.17 -E quote=d -E separator=, -E header=y -E aggregator=/s -E bom=y, byte for byte.
        List<String> lines = fields("-E", "quote=d", "-E", "separator=,", "-E", "header=y", "-E", "aggregator=/s", "-E", "bom=y");
        assertThat(lines.getFirst()).isEqualTo("\uFEFFframe.number,ipv6.addr,ip.src");
        assertThat(lines.subList(18, 21)).containsExactly(
                "\"18\",,",
                "\"19\",\"fe80::ca4c:75ff:fe78:ed00 ff02::1\",\"109.6.1.72\"",
                "\"20\",,\"95.136.242.99\"");
    }

    @Test
    void theHeaderLineNamesTheFieldsEvenWhenNoPacketMatches() {
        CommandRun run = CommandRun.read(HTTP, "-Y", "udp.port == 9", "-T", "fields", "-E", "header=y", "-e", "frame.number", "-e", "ip.src");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.lines()).containsExactly("frame.number\tip.src");
    }

    @Test
    void anUnknownFieldIsTsharksMessageAndExitStatusTwo() {
        CommandRun run = CommandRun.read(HTTP, "-T", "fields", "-e", "frame.number", "-e", "tcp.prot", "-e", "ip.sorce");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("tapdeck read: Some fields aren't valid:\n\ttcp.prot\n\tip.sorce\n");
    }

    @Test
    void fieldOptionsThatDoNotFitAreNamed() {
        assertThat(CommandRun.read(HTTP, "-T", "fields").stderr())
                .isEqualTo("tapdeck read: \"-T fields\" was specified, but no fields were specified with \"-e\".\n");
        assertThat(CommandRun.read(HTTP, "-e", "ip.src").stderr())
                .isEqualTo("tapdeck read: output fields were specified with \"-e\", but \"-T fields\" was not specified\n");
        assertThat(CommandRun.read(HTTP, "-T", "fields", "-e", "ip.src", "-E", "quote=x").stderr())
                .startsWith("tapdeck read: -E quote=x: \"quote\" is not a valid field output option=value pair; -E takes bom=y|n, header=y|n");
        assertThat(CommandRun.read(HTTP, "-T", "fields", "-e", "ip.src", "-E", "color=y").stderr())
                .startsWith("tapdeck read: -E color=y: \"color\" is not a valid field output option=value pair");
        assertThat(CommandRun.read(HTTP, "-T", "pdml").stderr()).startsWith("tapdeck read: -T pdml: the formats are text");
        assertThat(CommandRun.read(HTTP, "-T", "fields", "-e", "ip.src", "--json").stderr())
                .isEqualTo("tapdeck read: -T fields and --json are different outputs: choose one\n");
        for (String[] args : List.of(new String[] {HTTP, "-T", "fields"}, new String[] {HTTP, "-T", "fields", "-e", "ip.src", "-E", "quote=x"})) {
            assertThat(CommandRun.read(args).exitCode()).isEqualTo(2);
        }
    }

    /** {@code read TUNNELS -c 21 -T fields -e frame.number -e ipv6.addr -e ip.src} with {@code options}. */
    private static List<String> fields(String... options) {
        List<String> args = new ArrayList<>(List.of(TUNNELS, "-c", "21", "-T", "fields", "-e", "frame.number", "-e", "ipv6.addr", "-e", "ip.src"));
        args.addAll(List.of(options));
        CommandRun run = CommandRun.read(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.lines();
    }

    private static List<Long> numbers(List<String> lines) {
        return lines.stream().map(Long::parseLong).toList();
    }


    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
