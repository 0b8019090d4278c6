package dev.tapdeck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tapdeck follow}, and {@code read -z} arguments that tshark refuses. */
class FollowCommandTest {
    private static final String HTTP = Corpus.directory().resolve("gopacket-test_ethernet.pcap").toString();

    @TempDir
    Path folder;

    @Test
    void followPrintsWhatReadDashZPrints() {
        CommandRun read = CommandRun.read(HTTP, "-q", "-z", "follow,tcp,hex,0");
        CommandRun follow = CommandRun.follow(HTTP, "0", "--format", "hex");
        assertThat(follow.exitCode()).isZero();
        assertThat(follow.stdout()).isEqualTo(read.stdout()).contains("Follow: tcp,hex", "Node 0: 10.1.1.2:44644", "\t00000000  48 54 54 50");
    }

    @Test
    void outputWritesWhatEachSideSent() throws IOException {
        CommandRun run = CommandRun.follow(HTTP, "0", "--output", folder.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String client = Files.readString(folder.resolve("tcp-0-client.bin"), StandardCharsets.ISO_8859_1);
        String server = Files.readString(folder.resolve("tcp-0-server.bin"), StandardCharsets.ISO_8859_1);
        assertThat(client).startsWith("GET / HTTP/1.1\r\n").hasSize(72);
        assertThat(server).startsWith("HTTP/1.0 302 Redirect\r\n").hasSize(378);
        assertThat(run.stdout()).contains("tcp-0-client.bin 72 bytes", "tcp-0-server.bin 378 bytes");
    }

    @Test
    void jsonNamesTheNodesAndEveryChunk() {
        CommandRun run = CommandRun.follow(HTTP, "10.1.1.1:80,10.1.1.2:44644", "--format", "json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("{\"protocol\":\"tcp\",\"filter\":\"((ip.src eq 10.1.1.1 and tcp.srcport eq 80)")
                .contains("\"nodes\":[{\"host\":\"10.1.1.2\",\"port\":44644},{\"host\":\"10.1.1.1\",\"port\":80}]")
                .contains("{\"peer\":0,\"frame\":4,\"time\":\"1513204139.657676000\",\"data\":\"R0VUIC8g");
    }

    @Test
    void aBadStreamOrFormatIsOneLineAndExitTwo() {
        assertThat(CommandRun.follow(HTTP, "0", "--format", "pdf").stderr()).isEqualTo("tapdeck follow: --format pdf: the formats are ascii, hex, raw, yaml and json\n");
        CommandRun run = CommandRun.follow(HTTP, "1.2.3.4:99999,1.2.3.4:5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("tapdeck follow: STREAM 1.2.3.4:99999,1.2.3.4:5: Invalid port.\n");
        assertThat(CommandRun.follow("no-such.pcap", "0").stderr()).isEqualTo("tapdeck follow: no such file: no-such.pcap\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "follow,tcp,foo,0|follow - Invalid display mode.",
            "follow,tcp,ascii|follow - Invalid address.",
            "follow,tcp,ascii,abc|follow - Invalid address.",
            "follow,tcp,ascii,1.2.3.4:0,1.2.3.4:5|follow - Invalid port.",
            "follow,tcp,ascii,1.2.3.4:7,[::1]:5|follow - Mismatched IP address types.",
            "follow,tcp,ascii,0,x|follow - Invalid range.",
            "follow,tcp,ascii,0,3-2|follow - Invalid range value.",
            "follow,udp,raw,0,1-2x|follow - Invalid parameter.",
    })
    void aBadFollowArgumentGetsTsharksMessage(String argument, String message) {
        CommandRun run = CommandRun.read(HTTP, "-q", "-z", argument);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("tapdeck read: " + message + "\n");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void anUnknownStatisticListsTheOnesThereAre() {
        CommandRun run = CommandRun.read(HTTP, "-z", "follow,xyz,ascii,0");
        assertThat(run.stderr()).isEqualTo("tapdeck read: Invalid -z argument \"follow,xyz,ascii,0\"; it must be one of:\n"
                + "     follow,tcp\n     follow,udp\n");
    }

    @Test
    void severalFollowsPrintInTheReverseOrderOfTheirArgumentsAfterThePackets() {
        CommandRun run = CommandRun.read(HTTP, "-c", "1", "-z", "follow,tcp,raw,0", "-z", "follow,tcp,ascii,5");
        assertThat(run.stdout()).startsWith("     1     0.000000 10.1.1.2 → 10.1.1.1 TCP 74 44644 → 80 [SYN]");
        assertThat(run.stdout().indexOf("Follow: tcp,ascii")).isLessThan(run.stdout().indexOf("Follow: tcp,raw"));
        assertThat(run.stdout()).contains("Filter: tcp.stream eq 5\nNode 0: :0\nNode 1: :0\n===");
    }
}
