package dev.tapdeck.file;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Run by {@link RecordingKillTest} in a JVM of its own: records numbered packets into the file
 * named by its argument until it is killed, or for a minute at most.
 */
public final class RecordingChild {
    static final int LINK_TYPE = 1;
    private static final long MAX_RUN_MILLIS = 60_000;

    private RecordingChild() {
    }

    /** Packet number {@code i}: 20 to 1,519 bytes counting up from {@code i}. */
    static byte[] data(long i) {
        return CaptureBytes.pattern(20 + (int) (i * 37 % 1500), (int) i);
    }

    static long seconds(long i) {
        return 1_700_000_000L + i;
    }

    static int nanos(long i) {
        return (int) (i * 1_000_003 % 1_000_000_000);
    }

    public static void main(String[] args) throws Exception {
        long end = System.currentTimeMillis() + MAX_RUN_MILLIS;
        PacketRecord packet = new PacketRecord();
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(
                RotatingCaptureWriter.Settings.singleFile(Path.of(args[0])), new SectionInfo(null, null, "RecordingChild"))) {
            for (long i = 0; System.currentTimeMillis() < end; i++) {
                byte[] data = data(i);
                writer.write(packet.set(MemorySegment.ofArray(data), 0, data.length, data.length, LINK_TYPE)
                        .timestamp(seconds(i), nanos(i), PacketRecord.NANOSECOND_DIGITS));
                // About 150 kB a second: the write buffer fills a few times a second, between the clock's flushes.
                if (i % 10 == 9) {
                    Thread.sleep(50);
                }
            }
        }
    }
}
