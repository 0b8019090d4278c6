package dev.tapdeck.capture.replay;

import dev.tapdeck.capture.CaptureException;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.capture.PacketSink;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a replay delivers, its status, looping, and its errors, with real capture files. */
@Timeout(60)
class ReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RecordingSink sink = new RecordingSink();
    private final Replay replay = new Replay(sink);

    @AfterEach
    void stopReplay() {
        replay.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dpkt-http.pcap", "pcpp-many_interfaces-1.pcapng", "pcpp-nanosecs_big_endian.pcap", "tcpreplay-test.pcap"})
    void deliversEveryPacketOnceInOrderWithTheFilesBytes(String name) throws Exception {
        Path file = TestCaptures.corpus(name);
        TestCaptures.Contents expected = TestCaptures.read(file);
        assertThat(expected.damage()).isNull();

        replay.start(new ReplaySettings(file, 0, false));
        assertThat(replay.awaitEnd(WAIT)).isTrue();

        List<RecordingSink.Arrival> arrivals = sink.arrivals();
        assertThat(arrivals).hasSameSizeAs(expected.packets());
        for (int i = 0; i < arrivals.size(); i++) {
            RecordingSink.Arrival got = arrivals.get(i), want = expected.packets().get(i);
            assertThat(got.recordNumber()).as("record number of packet %d", i).isEqualTo(want.recordNumber());
            assertThat(got.epochNanos()).as("time of packet %d", i).isEqualTo(want.epochNanos());
            assertThat(got.bytes()).as("bytes of packet %d", i).isEqualTo(want.bytes());
        }

        CaptureStatus last = replay.status();
        assertThat(last.running()).isFalse();
        assertThat(last.interfaceName()).isEqualTo("replay:" + name);
        assertThat(last.filter()).isNull();
        assertThat(last.packets()).isEqualTo(arrivals.size());
        assertThat(last.bytes()).isEqualTo(arrivals.stream().mapToLong(a -> a.bytes().length).sum());
        assertThat(last.lastPacketTime()).isEqualTo(Instant.ofEpochSecond(0, arrivals.getLast().epochNanos()));
        assertThat(last.startTime()).isNotNull();
        assertThat(last.stopTime()).isAfterOrEqualTo(last.startTime());
        assertThat(last.error()).isNull();
        assertThat(sink.startedCalls()).isEqualTo(1);
        assertThat(sink.stoppedCalls()).isEqualTo(1);
        assertThat(sink.startedWith().interfaceName()).isEqualTo("replay:" + name);
        assertThat(sink.startedLinkType()).isEqualTo(last.linkType()).isGreaterThanOrEqualTo(0);
        assertThat(sink.stoppedWith()).isEqualTo(last);
        assertThat(replay.isRunning()).isFalse();
        assertThat(replay.settings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derived-tls-cut-mid-record.pcap", "derived-many_interfaces-cut-mid-block.pcapng"})
    void aDamagedFileDeliversEveryGoodPacketThenNamesTheDamage(String name) throws Exception {
        Path file = TestCaptures.corpus(name);
        TestCaptures.Contents expected = TestCaptures.read(file);
        assertThat(expected.damage()).as("%s is damaged", name).isNotNull();
        assertThat(expected.packets()).isNotEmpty();

        replay.start(new ReplaySettings(file, 0, false));
        assertThat(replay.awaitEnd(WAIT)).isTrue();

        assertThat(sink.arrivals()).extracting(RecordingSink.Arrival::recordNumber)
                .containsExactlyElementsOf(expected.packets().stream().map(RecordingSink.Arrival::recordNumber).toList());
        CaptureStatus last = replay.status();
        assertThat(last.running()).isFalse();
        assertThat(last.packets()).isEqualTo(expected.packets().size());
        assertThat(last.error())
                .contains(name)
                .contains(expected.damage().getMessage())
                .contains("record " + expected.damage().recordNumber())
                .contains("byte offset " + expected.damage().byteOffset());
        assertThat(sink.stoppedWith().error()).isEqualTo(last.error());
    }

    @Test
    void loopReplaysTheFileAgainUntilStopped(@TempDir Path folder) throws Exception {
        Path file = TestCaptures.evenlySpaced(folder.resolve("ten.pcap"), 10, Duration.ofMillis(90), 80);
        sink.expect(25);
        replay.start(new ReplaySettings(file, 0, true));
        sink.awaitPackets(WAIT);
        assertThat(replay.isRunning()).isTrue();
        CaptureStatus last = replay.stop();

        assertThat(last.running()).isFalse();
        assertThat(last.packets()).isGreaterThanOrEqualTo(20).isEqualTo(sink.packetCount());
        assertThat(last.bytes()).isEqualTo(80 * last.packets());
        assertThat(last.stopTime()).isNotNull();
        // Each pass starts over at the file's first record, and its clock runs on from the pass
        // before: one mean gap (10 ms, as the ten packets span 90 ms) after its last packet, as if
        // the capture went on.
        List<RecordingSink.Arrival> arrivals = sink.arrivals();
        for (int i = 0; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i).recordNumber()).as("packet %d", i).isEqualTo(i % 10 + 1);
            if (i > 0) {
                assertThat(arrivals.get(i).epochNanos() - arrivals.get(i - 1).epochNanos()).as("gap before packet %d", i)
                        .isEqualTo(Duration.ofMillis(10).toNanos());
            }
        }
        assertThat(sink.stoppedCalls()).isEqualTo(1);
        assertThat(sink.stoppedWith()).isEqualTo(last);
        assertThat(replay.status()).isEqualTo(last);
        assertThat(replayThreads()).isEmpty();
    }

    @Test
    void endsByItselfAtTheEndOfTheFileAndCanStartAgain() throws Exception {
        Path file = TestCaptures.corpus("dpkt-http.pcap");
        replay.start(new ReplaySettings(file, 0, false));
        assertThat(replay.awaitEnd(WAIT)).isTrue();
        assertThat(replay.isRunning()).isFalse();
        assertThatThrownBy(replay::stop).isInstanceOf(CaptureException.class)
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.NOT_RUNNING);
        long first = replay.status().packets();

        replay.start(new ReplaySettings(file, 0, false));
        assertThat(replay.awaitEnd(WAIT)).isTrue();
        assertThat(replay.status().packets()).isEqualTo(first);
        assertThat(sink.packetCount()).isEqualTo(2 * first);
        assertThat(replayThreads()).isEmpty();
    }

    @Test
    void refusesASecondStartWhileRunning(@TempDir Path folder) throws Exception {
        Path file = TestCaptures.evenlySpaced(folder.resolve("slow.pcap"), 11, Duration.ofSeconds(10), 60);
        ReplaySettings settings = new ReplaySettings(file, 1, false);
        replay.start(settings);
        assertThat(replay.settings()).contains(settings);

        assertThatThrownBy(() -> replay.start(settings)).isInstanceOf(CaptureException.class)
                .hasMessageContaining("already running").hasMessageContaining("slow.pcap")
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.ALREADY_RUNNING);
        CaptureStatus last = replay.stop();
        assertThat(last.running()).isFalse();
        assertThat(replayThreads()).isEmpty();
    }

    @Test
    void pauseResumeAndStopNeedARunningReplay() {
        for (ThrowingAction action : List.<ThrowingAction>of(replay::pause, replay::resume, replay::stop)) {
            assertThatThrownBy(action::run).isInstanceOf(CaptureException.class)
                    .hasMessage("no replay is running")
                    .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.NOT_RUNNING);
        }
        assertThat(replay.isPaused()).isFalse();
        assertThat(replay.status()).isEqualTo(CaptureStatus.idle());
    }

    @Test
    void settingsRefuseAMissingFileAndSpeedsThatAreNoFactor(@TempDir Path folder) throws Exception {
        Path missing = folder.resolve("missing.pcap");
        assertThatThrownBy(() -> new ReplaySettings(missing, 1, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no capture file at " + missing.toAbsolutePath() + ": check the path");
        Path file = TestCaptures.corpus("dpkt-http.pcap");
        for (double speed : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new ReplaySettings(file, speed, false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("replay speed must be 0").hasMessageContaining(String.valueOf(speed));
        }
        assertThat(new ReplaySettings(file, 0.5, false).speed()).isEqualTo(0.5);
    }

    @Test
    void aFileGoneBeforeTheStartIsRefusedWithItsPath(@TempDir Path folder) throws Exception {
        Path file = TestCaptures.evenlySpaced(folder.resolve("gone.pcap"), 2, Duration.ofMillis(1), 60);
        ReplaySettings settings = new ReplaySettings(file, 1, false);
        Files.delete(file);

        assertThatThrownBy(() -> replay.start(settings)).isInstanceOf(CaptureException.class)
                .hasMessage("no capture file at " + file.toAbsolutePath() + ": check the path")
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.BAD_FILE);
        assertThat(replay.isRunning()).isFalse();
        assertThat(replayThreads()).isEmpty();
    }

    @Test
    void aFileThatIsNoCaptureIsRefusedWithTheReadersMessage(@TempDir Path folder) throws Exception {
        Path notes = folder.resolve("notes.txt");
        Files.writeString(notes, "Hello, this is not a capture.\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> replay.start(new ReplaySettings(notes, 1, false))).isInstanceOf(CaptureException.class)
                .hasMessage("notes.txt: not a pcap or pcapng file (magic 0x48656c6c) (record 0 at byte offset 0)")
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.BAD_FILE);
        assertThat(replay.isRunning()).isFalse();
    }

    @Test
    void aFailingSinkEndsTheReplayWithItsMessage() throws Exception {
        Replay failing = new Replay(packet -> {
            throw new IllegalStateException("disk full");
        });
        try (failing) {
            failing.start(new ReplaySettings(TestCaptures.corpus("dpkt-http.pcap"), 0, false));
            assertThat(failing.awaitEnd(WAIT)).isTrue();
            assertThat(failing.status().error()).isEqualTo("packet consumer on replay:dpkt-http.pcap failed: disk full");
            assertThat(failing.status().packets()).isZero();
        }
    }

    @Test
    void theSteadyStateAllocatesNothingPerPacket(@TempDir Path folder) throws Exception {
        int packets = 120_000;
        Path file = TestCaptures.evenlySpaced(folder.resolve("many.pcap"), packets, Duration.ofSeconds(60), 64);
        AllocationProbe probe = new AllocationProbe(20_000, 120_000);
        try (Replay measured = new Replay(probe)) {
            measured.start(new ReplaySettings(file, 0, false));
            assertThat(measured.awaitEnd(WAIT)).isTrue();
            assertThat(measured.status().packets()).isEqualTo(packets);
        }
        System.out.printf("allocation: %d bytes over 100,000 replayed packets%n", probe.allocated());
        // Less than a tenth of a byte a packet: what is left is the JVM's own, not the replay's.
        assertThat(probe.allocated()).as("bytes allocated by the replay thread over 100,000 packets").isBetween(0L, 10_000L);
    }

    private static List<Thread> replayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("tapdeck-replay")).toList();
    }

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }

    /** Reads the replay thread's allocation counter at two packets; touches nothing else. */
    private static final class AllocationProbe implements PacketSink {
        private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final long from;
        private final long to;
        private long seen;
        private long atFrom;
        private volatile long allocated = -1;

        AllocationProbe(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void accept(PacketRecord packet) {
            seen++;
            if (seen == from) {
                atFrom = threads.getCurrentThreadAllocatedBytes();
            } else if (seen == to) {
                allocated = threads.getCurrentThreadAllocatedBytes() - atFrom;
            }
        }

        long allocated() {
            return allocated;
        }
    }
}
