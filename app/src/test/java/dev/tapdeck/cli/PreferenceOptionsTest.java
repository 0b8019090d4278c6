package dev.tapdeck.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code -o NAME:VALUE} on read, analyze and capture, with tshark's names, messages and exit status. */
class PreferenceOptionsTest {
    private static final String HTTP = Corpus.directory().resolve("dpkt-http.pcap").toString();

    @Test
    void sequenceAnalysisIsOnByDefaultAndOffWithItsPreference() {
        CommandRun on = CommandRun.read(HTTP, "-Y", "frame.number == 37");
        CommandRun off = CommandRun.read(HTTP, "-Y", "frame.number == 37", "-o", "tcp.analyze_sequence_numbers:FALSE");

        assertThat(on.stdout()).contains("[TCP Dup ACK 28#1] 3371 → 80 [ACK]");
        assertThat(off.exitCode()).isZero();
        assertThat(off.stdout()).doesNotContain("[TCP").contains("3371 → 80 [ACK]");
        assertThat(CommandRun.read(HTTP, "-o", "tcp.analyze_sequence_numbers:false", "-Y", "tcp.analysis").stdout()).isEmpty();
    }

    @Test
    void timestampsOnlyWhenAskedForAsInTshark() {
        CommandRun off = CommandRun.read(HTTP, "-c", "2", "-T", "fields", "-e", "tcp.time_delta");
        CommandRun on = CommandRun.read(HTTP, "-c", "2", "-o", "tcp.calculate_timestamps:TRUE", "-T", "fields", "-e", "tcp.time_delta");

        assertThat(off.stdout()).isEqualTo("\n\n");
        assertThat(on.lines()).containsExactly("0.000000000", "0.911310000");
    }

    @Test
    void anUnknownPreferenceIsRefusedAsTsharkRefusesIt() {
        CommandRun run = CommandRun.read(HTTP, "-o", "foo.bar:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("tapdeck read: -o flag \"foo.bar:1\" specifies unknown preference\n");
        assertThat(CommandRun.read(HTTP, "-o", "tcp.analyze_sequence_numbers").stderr())
                .isEqualTo("tapdeck read: Invalid -o flag \"tcp.analyze_sequence_numbers\"\n");
    }

    @Test
    void aValueTapdeckCannotHonourSaysWhy() {
        CommandRun relative = CommandRun.read(HTTP, "-o", "tcp.relative_sequence_numbers:TRUE");
        CommandRun notBoolean = CommandRun.read(HTTP, "-o", "tcp.calculate_timestamps:1");

        assertThat(relative.exitCode()).isEqualTo(1);
        assertThat(relative.stderr()).contains("tcp.relative_sequence_numbers:TRUE\" is not supported")
                .contains("absolute sequence and acknowledgement numbers");
        assertThat(notBoolean.exitCode()).isEqualTo(1);
        assertThat(notBoolean.stderr()).contains("the value must be TRUE or FALSE");
    }

    @Test
    void theReferenceDecodesPreferencesAreAcceptedAtWhatTapdeckDoes() {
        CommandRun run = CommandRun.read(HTTP, "-c", "1", "-o", "tcp.relative_sequence_numbers:FALSE", "-o", "tcp.desegment_tcp_streams:FALSE",
                "-o", "ip.defragment:FALSE", "-o", "tls.desegment_ssl_records:FALSE", "-o", "http.desegment_body:FALSE");
        CommandRun defragment = CommandRun.read(HTTP, "-o", "ip.defragment:TRUE");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(1);
        assertThat(defragment.exitCode()).isEqualTo(1);
        assertThat(defragment.stderr()).contains("Tapdeck does not reassemble IP fragments");
    }

    @Test
    void analyzeTakesTheSameOption() {
        CommandRun run = CommandRun.analyze(Path.of(HTTP).toString(), "-o", "nope:TRUE");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("tapdeck analyze: -o flag \"nope:TRUE\" specifies unknown preference\n");
    }
}
