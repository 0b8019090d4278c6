package dev.tapdeck.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tapdeck explain}: the offline explainer on a real capture, and every way it can be asked wrongly. */
class ExplainCommandTest {
    private static final Path HTTP = Corpus.directory().resolve("dpkt-http.pcap");

    @Test
    void explainsAPacketWithItsPlaceInItsConversation() {
        CommandRun run = CommandRun.of(new ExplainCommand(), HTTP.toString(), "1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("# Packet 1: TCP, 145.254.160.237 → 65.208.228.223")
                .contains("step 1 of TCP's three-way handshake", "The server accepts in frame 2");
        assertThat(run.stderr()).isEqualTo("tapdeck explain: source: offline" + System.lineSeparator());
    }

    @Test
    void aPacketBeyondTheFileOrAMissingFileIsAClearError() {
        CommandRun beyond = CommandRun.of(new ExplainCommand(), HTTP.toString(), "44");
        assertThat(beyond.exitCode()).isEqualTo(2);
        assertThat(beyond.stderr()).contains("43 packets", "no packet 44");
        assertThat(beyond.stdout()).isEmpty();

        CommandRun missing = CommandRun.of(new ExplainCommand(), "no-such-capture.pcap", "1");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("no such file: no-such-capture.pcap");
    }
}
