package dev.tapdeck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadCommandTest {
    private static final Path CORPUS = Corpus.directory();

    @Test
    void withDesegmentationJsonShowsAMessageOnTheFrameThatCompletesItAsTheFieldsDo() throws IOException {
        String capture = CORPUS.resolve("dpkt-http.pcap").toString();
        String desegment = "tcp.desegment_tcp_streams:TRUE";
        List<String> fields = CommandRun.read(capture, "-o", desegment, "-T", "fields", "-e", "frame.protocols",
                "-e", "http.request.method", "-e", "http.response.code").lines();
        List<String> json = CommandRun.read(capture, "-o", desegment, "--json").lines();
        assertThat(json).hasSameSizeAs(fields);
        ObjectMapper mapper = new ObjectMapper();
        int responses = 0;
        for (int i = 0; i < json.size(); i++) {
            JsonNode packet = mapper.readTree(json.get(i));
            String[] columns = fields.get(i).split("\t", -1);
            assertThat(packet.path("frame.protocols").asText()).as("frame %d", i + 1).isEqualTo(columns[0]);
            assertThat(packet.path("http.request.method").asText()).as("frame %d", i + 1).isEqualTo(columns[1]);
            assertThat(packet.path("http.response.code").asText()).as("frame %d", i + 1).isEqualTo(columns[2]);
            responses += columns[2].isEmpty() ? 0 : 1;
        }
        assertThat(responses).as("responses, each on the one frame that completes it").isPositive()
                .isLessThan((int) CommandRun.read(capture, "-Y", "http.response.code", "-T", "fields", "-e", "frame.number").lines().size());
    }

    @Test
    void printsOneSummaryLinePerPacketLikeAPacketList() {
        CommandRun run = CommandRun.read(CORPUS.resolve("gopacket-test_ethernet.pcap").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(10);
        assertThat(run.lines().get(0))
                .matches("\\s+1\\s+0\\.000000 10\\.1\\.1\\.2 → 10\\.1\\.1\\.1 TCP 74 44644 → 80 \\[SYN\\] Seq=2471086128 Win=29200 Len=0 MSS=1460 SACK_PERM TSval=\\d+ TSecr=0 WS=128");
        assertThat(run.lines().get(1)).contains("TCP 74 80 → 44644 [SYN, ACK] Seq=4188542938 Ack=2471086129");
        assertThat(run.lines()).anySatisfy(line -> assertThat(line).contains("HTTP").contains("GET /"));
    }

    @Test
    void summarisesDnsAndArpAsAPacketListDoes() {
        // The info texts tshark 4.0 prints for these packets.
        CommandRun dns = CommandRun.read(CORPUS.resolve("dpkt-dns_icmp.pcap").toString(), "-c", "3");
        assertThat(dns.lines().get(0)).endsWith("192.168.43.9 → 192.168.43.1 DNS 80 Standard query 0x528e PTR 8.8.8.8.in-addr.arpa");
        assertThat(dns.lines().get(1)).endsWith("DNS 124 Standard query response 0x528e PTR 8.8.8.8.in-addr.arpa");
        assertThat(dns.lines().get(2)).endsWith("ICMP 98 Echo (ping) request  id=0xd73b, seq=0/0, ttl=64");
        CommandRun nxdomain = CommandRun.read(CORPUS.resolve("pcpp-DNS_NXDomain.pcap").toString());
        assertThat(nxdomain.lines().get(0)).endsWith("DNS 69 Standard query response 0x7e51 No such name A htb.local");

        CommandRun arp = CommandRun.read(CORPUS.resolve("packetnet-arp_request_response.pcap").toString());
        assertThat(arp.lines().get(0)).endsWith("ARP 60 Who has 192.168.1.214? Tell 192.168.1.202");
        assertThat(arp.lines().get(1)).endsWith("ARP 42 192.168.1.214 is at 00:21:6a:02:08:54");
    }

    @Test
    void countLimitsThePacketsPrinted() {
        CommandRun run = CommandRun.read(CORPUS.resolve("dpkt-http.pcap").toString(), "--json", "-c", "3");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines().get(2)).startsWith("{\"frame.number\":3,");
    }

    @Test
    void aMissingFileIsOneLineOnStandardErrorAndExitStatusTwo() {
        CommandRun run = CommandRun.read("/nonexistent/capture.pcap");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip()).isEqualTo("tapdeck read: no such file: /nonexistent/capture.pcap");
    }

    @Test
    void aFileThatIsNotACaptureIsRefusedWithExitStatusTwo(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pcap"), "these are not packets\n");

        CommandRun run = CommandRun.read(text.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(run.stderr()).contains("notes.pcap").containsIgnoringCase("not a pcap or pcapng file");
    }

    @Test
    void aDamagedFilePrintsEveryPacketBeforeTheDamageThenFails() {
        CommandRun run = CommandRun.read(CORPUS.resolve("derived-tls-cut-mid-record.pcap").toString());

        assertThat(run.lines()).hasSize(42);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(run.stderr()).contains("record 43").contains("byte offset");
    }

    @Test
    void dashReadsStandardInput() throws IOException {
        CommandRun run = CommandRun.readStandardInput(Files.readAllBytes(CORPUS.resolve("pcapng-gen-le-test102.pcapng")), "-", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(5);
    }

    @Test
    void readTwiceARequestShowsTheFrameOfItsResponseAsTsharkTwoPassesDo() {
        String[] fields = {"-o", "tcp.desegment_tcp_streams:TRUE", "-Y", "http", "-T", "fields",
                "-e", "frame.number", "-e", "http.response_in", "-e", "http.request_in", "-e", "http.next_request_in"};
        CommandRun once = CommandRun.read(concat(CORPUS.resolve("dpkt-http.pcap").toString(), fields));
        CommandRun twice = CommandRun.read(concat(CORPUS.resolve("dpkt-http.pcap").toString(), concat("-2", fields)));

        // tshark -2 -o tcp.relative_sequence_numbers:FALSE -Y http -T fields -e frame.number -e http.response_in -e http.request_in -e http.next_request_in
        assertThat(once.lines()).containsExactly("4\t\t\t", "18\t\t\t", "27\t\t18\t", "38\t\t4\t");
        assertThat(twice.lines()).containsExactly("4\t38\t\t", "18\t27\t\t", "27\t\t18\t", "38\t\t4\t");
    }

    @Test
    void readingTwiceRefusesStandardInputWhichCanBeReadOnce() throws IOException {
        CommandRun run = CommandRun.readStandardInput(Files.readAllBytes(CORPUS.resolve("dpkt-http.pcap")), "-", "-2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("-2 reads the file twice");
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void aFileDecodedOnWorkerThreadsPrintsTheLinesStandardInputDoesInTheSameOrder(@TempDir Path dir) throws IOException {
        // Several batches of packets, decoded in parallel from the file, one by one from standard input.
        Path capture = dir.resolve("sample.pcap");
        assertThat(CommandRun.generate("-w", capture.toString(), "--packets", "5000", "--seed", "3").exitCode()).isZero();

        for (String[] mode : List.of(new String[] {"--json"}, new String[0])) {
            CommandRun fromFile = CommandRun.read(concat(mode, capture.toString()));
            CommandRun fromInput = CommandRun.readStandardInput(Files.readAllBytes(capture), concat(mode, "-"));

            assertThat(fromFile.exitCode()).isZero();
            assertThat(fromFile.lines()).hasSize(5000).isEqualTo(fromInput.lines());
        }
        CommandRun json = CommandRun.read("--json", capture.toString());
        for (int i = 0; i < 5000; i++) {
            assertThat(json.lines().get(i)).startsWith("{\"frame.number\":" + (i + 1) + ",");
        }
    }

    @Test
    void aDamagedFileReadOnWorkerThreadsStillPrintsEveryPacketBeforeTheDamage(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("sample.pcap");
        assertThat(CommandRun.generate("-w", capture.toString(), "--packets", "3000", "--seed", "4").exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(capture);
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(bytes, bytes.length - 100));

        CommandRun fromFile = CommandRun.read("--json", cut.toString());
        CommandRun fromInput = CommandRun.readStandardInput(Files.readAllBytes(cut), "--json", "-");

        assertThat(fromFile.exitCode()).isEqualTo(2);
        assertThat(fromFile.stderr()).contains("cut short").contains("record 3000");
        assertThat(fromFile.lines()).hasSize(2999).isEqualTo(fromInput.lines());
    }

    @Test
    void aReaderThatStopsReadingEndsTheCommandQuietly() {
        // `tapdeck read big.pcap | head`: the pipe closes after a few lines.
        CommandRun run = CommandRun.into(new FailingOutput(4096, "Broken pipe"), out -> new ReadCommand().output(out),
                "--json", CORPUS.resolve("dpkt-http.pcap").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineAndExitStatusTwo() {
        CommandRun run = CommandRun.into(new FailingOutput(4096, "No space left on device"), out -> new ReadCommand().output(out),
                "--json", CORPUS.resolve("dpkt-http.pcap").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("tapdeck read: cannot write the output: No space left on device");
    }


    private static String[] concat(String[] first, String last) {
        String[] all = Arrays.copyOf(first, first.length + 1);
        all[first.length] = last;
        return all;
    }

    @Test
    void statsPrintsTotalsProtocolsAndConversationsButNoPackets() throws IOException {
        Path capture = CORPUS.resolve("dpkt-http.pcap");
        List<JsonNode> oracle = new ArrayList<>();
        for (String line : Files.readAllLines(capture.resolveSibling("dpkt-http.pcap.expected.jsonl"))) {
            oracle.add(new ObjectMapper().readTree(line));
        }
        long bytes = oracle.stream().mapToLong(p -> p.get("frame.len").asLong()).sum();
        long http = oracle.stream().filter(p -> p.get("frame.protocols").asText().contains(":http")).count();

        CommandRun run = CommandRun.read("--stats", capture.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout())
                .contains(String.format("Packets:        %d%n", oracle.size()))
                .contains(String.format("Bytes:          %,d on the wire", bytes))
                .containsPattern("Time span: .*\\(\\d+\\.\\d{6} s\\)")
                .containsPattern("\\n  http\\s+" + http + " ")
                .containsPattern("\\n  dns\\s+2 ")
                .contains("Malformed:      0 packets")
                .containsPattern("Top conversations by bytes:\\n  TCP\\s+145\\.254\\.160\\.237:3372 <-> 65\\.208\\.228\\.223:80")
                .containsPattern("Throughput: .* packets/s");
        assertThat(run.stdout()).doesNotContain("{\"frame.number\"");
    }

    @Test
    void jsonAndStatsCannotBeCombined() {
        CommandRun run = CommandRun.read("--json", "--stats", CORPUS.resolve("dpkt-http.pcap").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("mutually exclusive");
    }

    @Test
    void everyCommandHasHelp() {
        CommandRun run = CommandRun.read("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Usage: read").contains("--json").contains("--stats").contains("--count");
        assertThat(Arrays.stream(run.stdout().split("\n"))).anyMatch(line -> line.contains("Exit status"));
    }
}
