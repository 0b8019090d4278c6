package dev.tapdeck.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording killed without warning (SIGKILL on Unix) leaves a file that reads up to its last
 * whole block: what the writer flushed survives its process.
 */
class RecordingKillTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Times the file must grow, by a full write buffer or by the clock's flush, before the kill. */
    private static final int GROWTHS_BEFORE_KILL = 4;

    @TempDir
    Path folder;

    @Test
    void aKilledRecordingReadsUpToItsLastWholeBlock() throws Exception {
        Path file = folder.resolve("killed.pcapng");
        Path output = folder.resolve("child-output.txt");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                RecordingChild.class.getName(), file.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long sizeBeforeKill;
        try {
            sizeBeforeKill = waitForGrowth(child, file, output);
            child.destroyForcibly();
            assertThat(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the child ended after the kill").isTrue();
        } finally {
            child.destroyForcibly();
        }

        long size = Files.size(file);
        Packet.Outcome outcome;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            outcome = Packet.readUntilFailure(reader);
        }
        List<Packet> packets = outcome.packets();
        assertThat(packets).as("packets in %d bytes", sizeBeforeKill).isNotEmpty();
        for (int i = 0; i < packets.size(); i++) {
            Packet packet = packets.get(i);
            assertThat(packet.data()).as("packet %d", i).isEqualTo(RecordingChild.data(i));
            assertThat(packet.epochSeconds()).as("seconds of packet %d", i).isEqualTo(RecordingChild.seconds(i));
            assertThat(packet.nanos()).as("nanoseconds of packet %d", i).isEqualTo(RecordingChild.nanos(i));
        }
        Packet last = packets.getLast();
        long endOfLastPacket = last.fileOffset() + 32 + last.capturedLength() + (-last.capturedLength() & 3);
        if (outcome.failure() == null) {
            assertThat(endOfLastPacket).as("a clean end after the last packet").isEqualTo(size);
        } else {
            // Only the block the kill cut may fail, right after the last packet read.
            assertThat(outcome.failure()).isInstanceOf(CaptureFileException.class).hasMessageContaining("file cut short");
            assertThat(((CaptureFileException) outcome.failure()).byteOffset()).isEqualTo(endOfLastPacket);
        }
    }

    /** Waits, 20 seconds at most, until the child has made the file grow a few times; returns its size then. */
    private static long waitForGrowth(Process child, Path file, Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long lastSize = -1;
        int growths = 0;
        while (growths < GROWTHS_BEFORE_KILL) {
            assertThat(child.isAlive()).as("the recording child is running; its output: %s", Files.readString(output)).isTrue();
            assertThat(System.nanoTime() - deadline).as("the file grew %d times in %s, %d bytes; the child's output: %s",
                    growths, PATIENCE, lastSize, Files.readString(output)).isNegative();
            long size = Files.exists(file) ? Files.size(file) : -1;
            if (size > lastSize) {
                growths += lastSize >= 0 ? 1 : 0;
                lastSize = size;
            }
            Thread.sleep(20);
        }
        return lastSize;
    }
}
