package dev.tapdeck.capture.replay;

import dev.tapdeck.capture.CaptureStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Replay timing against the clock, with captures whose timing is known exactly. */
@Timeout(60)
class ReplayPacingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path folder;
    /** 501 packets, one every 10 ms: exactly 5 seconds from first to last. */
    private static Path fiveSeconds;
    /** 201 packets, one every 10 ms: 2 seconds. */
    private static Path twoSeconds;

    private final RecordingSink sink = new RecordingSink();
    private final Replay replay = new Replay(sink);

    @BeforeAll
    static void writeCaptures() throws Exception {
        fiveSeconds = TestCaptures.evenlySpaced(folder.resolve("five-seconds.pcap"), 501, Duration.ofSeconds(5), 60);
        twoSeconds = TestCaptures.evenlySpaced(folder.resolve("two-seconds.pcap"), 201, Duration.ofSeconds(2), 60);
    }

    @AfterEach
    void stopReplay() {
        replay.close();
    }

    @Test
    void recordedSpeedTakesAsLongAsTheRecording() throws Exception {
        sink.expect(300);
        replay.start(new ReplaySettings(fiveSeconds, 1, false));
        sink.awaitPackets(WAIT);
        CaptureStatus midway = replay.status();
        assertThat(replay.awaitEnd(WAIT)).isTrue();
        sink.awaitStopped(WAIT);
        double seconds = sink.runSeconds();
        System.out.printf("pacing: 5 s capture at 1x took %.4f s%n", seconds);
        assertThat(seconds).isCloseTo(5.0, within(5.0 * 0.03));
        assertThat(midway.running()).isTrue();
        assertThat(midway.interfaceName()).isEqualTo("replay:five-seconds.pcap");
        assertThat(midway.linkType()).isEqualTo(TestCaptures.ETHERNET);
        assertThat(midway.stopTime()).isNull();
        // One packet every 10 ms, counted over the last whole second.
        assertThat(midway.packetsPerSecond()).isCloseTo(100, within(3.0));
        assertThat(midway.bytesPerSecond()).isCloseTo(6000, within(180.0));
    }

    @Test
    void tenTimesFasterTakesATenth() throws Exception {
        double seconds = replayWhole(fiveSeconds, 10);
        System.out.printf("pacing: 5 s capture at 10x took %.4f s%n", seconds);
        assertThat(seconds).isCloseTo(0.5, within(0.5 * 0.05));
    }

    @Test
    void halfSpeedTakesTwiceAsLong() throws Exception {
        double seconds = replayWhole(twoSeconds, 0.5);
        System.out.printf("pacing: 2 s capture at 0.5x took %.4f s%n", seconds);
        assertThat(seconds).isCloseTo(4.0, within(4.0 * 0.03));
    }

    @Test
    void speedZeroDoesNotWait() throws Exception {
        double seconds = replayWhole(fiveSeconds, 0);
        System.out.printf("pacing: 5 s capture at speed 0 took %.4f s%n", seconds);
        assertThat(seconds).isLessThan(0.5);
        assertThat(sink.packetCount()).isEqualTo(501);
    }

    @Test
    void packetsArriveOnTimeAllAlongTheReplay() throws Exception {
        replayWhole(twoSeconds, 1);
        // Measured from a fixed start, a late packet does not make the ones after it late.
        List<RecordingSink.Arrival> arrivals = sink.arrivals();
        for (int i = 0; i < arrivals.size(); i++) {
            assertThat(sink.secondsUntil(i)).as("packet %d", i).isCloseTo(i * 0.010, within(0.030));
        }
    }

    @Test
    void pauseHoldsThePacketsAndShiftsTheRestByItsLength() throws Exception {
        sink.expect(100);
        replay.start(new ReplaySettings(twoSeconds, 1, false));
        sink.awaitPackets(WAIT);

        replay.pause();
        long pausedAt = System.nanoTime();
        boolean paused = replay.isPaused();
        int deliveredBeforePause = sink.packetCount();
        // The pause itself: one second during which nothing may arrive.
        Thread.sleep(1000);
        CaptureStatus whilePaused = replay.status();
        List<RecordingSink.Arrival> beforeResume = sink.arrivals();
        long resumedAt = System.nanoTime();
        replay.resume();
        boolean pausedAfterResume = replay.isPaused();
        assertThat(replay.awaitEnd(WAIT)).isTrue();
        sink.awaitStopped(WAIT);

        assertThat(paused).isTrue();
        assertThat(pausedAfterResume).isFalse();
        assertThat(beforeResume).hasSize(deliveredBeforePause);
        assertThat(sink.arrivals()).noneMatch(a -> a.arrivedNanos() > pausedAt && a.arrivedNanos() < resumedAt);
        assertThat(whilePaused.running()).isTrue();
        assertThat(whilePaused.packets()).isEqualTo(deliveredBeforePause);
        assertThat(whilePaused.lastPacketTime()).isEqualTo(Instant.ofEpochSecond(0, beforeResume.getLast().epochNanos()));

        double seconds = sink.runSeconds();
        double pause = (resumedAt - pausedAt) / 1e9;
        System.out.printf("pacing: 2 s capture at 1x with a %.4f s pause took %.4f s%n", pause, seconds);
        assertThat(seconds).isCloseTo(3.0, within(3.0 * 0.05));
        assertThat(seconds).isCloseTo(2.0 + pause, within(0.030));
        assertThat(sink.packetCount()).isEqualTo(201);
        assertThat(ticksDuring(pausedAt, resumedAt)).isGreaterThanOrEqualTo(8);
        assertThat(longestTickGapMillis()).isLessThan(200);
    }

    @Test
    void loopStartsTimingOverWithEveryPass() throws Exception {
        Path fifth = TestCaptures.evenlySpaced(folder.resolve("fifth-second.pcap"), 11, Duration.ofMillis(200), 60);
        sink.expect(33);
        replay.start(new ReplaySettings(fifth, 1, true));
        sink.awaitPackets(WAIT);
        CaptureStatus last = replay.stop();

        // Three passes of 0.2 s one after the other: the 33rd packet, last of the third, at 0.6 s, plus
        // the reopening of the file twice; timing that did not restart would have sent it at 0.2 s.
        double seconds = sink.secondsUntil(32);
        System.out.printf("pacing: 3 passes of a 0.2 s capture at 1x took %.4f s%n", seconds);
        assertThat(seconds).isBetween(0.599, 0.66);
        assertThat(last.packets()).isEqualTo(sink.packetCount()).isGreaterThanOrEqualTo(33);
    }

    private double replayWhole(Path file, double speed) throws Exception {
        replay.start(new ReplaySettings(file, speed, false));
        assertThat(replay.awaitEnd(WAIT)).as("replay ended within %s", WAIT).isTrue();
        sink.awaitStopped(WAIT);
        return sink.runSeconds();
    }

    private long ticksDuring(long from, long to) {
        return sink.ticks().stream().filter(t -> t > from && t < to).count();
    }

    private long longestTickGapMillis() {
        List<Long> ticks = sink.ticks();
        long longest = 0;
        for (int i = 1; i < ticks.size(); i++) {
            longest = Math.max(longest, ticks.get(i) - ticks.get(i - 1));
        }
        return longest / 1_000_000;
    }
}
