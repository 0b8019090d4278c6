package dev.tapdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class GenerateCommandTest {

    @Test
    void writesACaptureFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sample.pcap");

        CommandRun run = CommandRun.generate("-w", file.toString(), "--packets", "10");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).startsWith("tapdeck generate: 10 packets");
        assertThat(Files.readAllBytes(file)).startsWith(0xD4, 0xC3, 0xB2, 0xA1); // pcap, little-endian
    }

    @ParameterizedTest
    @CsvSource({"192.0.2.1:9000, 192.0.2.1", "8.8.8.8:53, 8.8.8.8", "[2001:db8::1]:9000, 2001:db8:0:0:0:0:0:1"})
    void refusesADestinationThatIsNotLoopbackBeforeSendingAnything(String destination, String address) {
        CommandRun run = CommandRun.generate("--send", destination, "--count", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines()).singleElement().asString()
                .startsWith("tapdeck generate: will not send to ")
                .contains(address)
                .contains("not a loopback address");
    }

    @Test
    void sendsNumberedDatagramsToWhoeverListens() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setSoTimeout(5000);
            receiver.setReceiveBufferSize(1 << 20);
            CompletableFuture<CommandRun> sending = CompletableFuture.supplyAsync(() -> CommandRun.generate(
                    "--send", "127.0.0.1:" + receiver.getLocalPort(), "--rate", "1000", "--count", "50"));

            List<Long> sequenceNumbers = sequenceNumbersOf(50, receiver);
            CommandRun run = sending.get();

            assertThat(sequenceNumbers).containsExactlyElementsOf(LongStream.range(0, 50).boxed().toList());
            assertThat(run.exitCode()).isZero();
            List<String> lines = run.stderr().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("tapdeck generate: sending to 127.0.0.1:" + receiver.getLocalPort()
                    + " for 10 s or 50 datagrams; Ctrl-C stops");
            assertThat(lines.get(1))
                    .matches("tapdeck generate: 50 datagrams, \\d+\\.\\d MB, \\d+ TCP connections, \\d+\\.\\d{3} s, \\d+ datagrams/s -> 127\\.0\\.0\\.1:"
                            + receiver.getLocalPort());
        }
    }

    @Test
    void sendsToTheIpv6LoopbackWrittenInBrackets() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            receiver.setSoTimeout(5000);
            CompletableFuture<CommandRun> sending = CompletableFuture.supplyAsync(() -> CommandRun.generate(
                    "--send", "[::1]:" + receiver.getLocalPort(), "--count", "20"));

            List<Long> sequenceNumbers = sequenceNumbersOf(20, receiver);
            CommandRun run = sending.get();

            assertThat(sequenceNumbers).hasSize(20);
            assertThat(run.exitCode()).isZero();
            assertThat(run.stderr().strip()).contains(" 20 datagrams, ").endsWith(" -> [::1]:" + receiver.getLocalPort());
        }
    }

    @Test
    void onAFreePortOfLocalhostItAnswersItsOwnConnections() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        CommandRun run = CommandRun.generate("--send", "localhost:" + port, "--count", "100", "--duration", "0.5");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains("for 0.5 s or 100 datagrams").containsPattern(" 100 datagrams, .*, [1-9]\\d* TCP connections, ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--send 127.0.0.1:9000 --rate 0           | --rate must be a number of datagrams a second more than 0, was 0.0",
            "--send 127.0.0.1:9000 --rate -5          | --rate must be",
            "--send 127.0.0.1:9000 --duration 0       | --duration must be a number of seconds more than 0",
            "--send 127.0.0.1:9000 --count 0          | --count must be 1 or more, was 0",
            "--send 127.0.0.1                         | --send 127.0.0.1: no port; write HOST:PORT, e.g. 127.0.0.1:9000",
            "--send ::1:9000                          | write an IPv6 address in brackets",
            "--send [::1]                             | an IPv6 address in brackets needs a port after it",
            "--send 127.0.0.1:99999                   | the port must be a number from 1 to 65535",
            "--send :9000                             | no host",
            "--send 127.0.0.1:9000 -w out.pcap        | mutually exclusive",
            "--send 127.0.0.1:9000 --packets 5        | --packets goes only with -w",
            "-w out.pcap --rate 5                     | --rate goes only with --send",
            "--rate 5                                 | Missing required argument"})
    void badArgumentsAreExplainedWithExitStatusTwo(String arguments, String explanation) {
        CommandRun run = CommandRun.generate(arguments.strip().split("\\s+"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(explanation).doesNotContain("sending to");
    }

    @Test
    void helpDescribesLiveSending() {
        CommandRun run = CommandRun.generate("--help");

        assertThat(run.exitCode()).isZero();
        // Joined back into one line, as the help wraps its paragraphs.
        assertThat(run.stdout().replaceAll("\\s+", " ")).contains("--send=HOST:PORT", "--rate=PPS", "--duration=SEC", "--count=N",
                "one a second for every 100 datagrams a second", "[::1]:9000", "Ctrl-C");
    }

    private static List<Long> sequenceNumbersOf(int count, DatagramSocket receiver) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        List<Long> sequenceNumbers = new ArrayList<>();
        while (sequenceNumbers.size() < count) {
            receiver.receive(packet); // times out, failing the test, when one goes missing
            sequenceNumbers.add(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()).getLong());
        }
        return sequenceNumbers;
    }
}
