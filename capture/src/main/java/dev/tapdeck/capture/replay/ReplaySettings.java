package dev.tapdeck.capture.replay;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What to replay and how fast.
 *
 * @param file  a pcap or pcapng file
 * @param speed 0 for as fast as the sink takes them, 1 for the recorded timing, N for N times
 *              faster (0.5 is half as fast)
 * @param loop  start over at the end of the file, until stopped
 */
public record ReplaySettings(Path file, double speed, boolean loop) {

    public ReplaySettings {
        if (file == null) {
            throw new IllegalArgumentException("no capture file given: name a pcap or pcapng file to replay");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no capture file at " + file.toAbsolutePath() + ": check the path");
        }
        // Written so that NaN fails too.
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed must be 0 (as fast as possible) or a positive factor such as 1 or 0.5, not "
                    + speed);
        }
    }

    /** What {@link #sourceName()} starts with. */
    public static final String SOURCE_PREFIX = "replay:";

    /** {@code replay:trace.pcapng}: where replayed packets come from, in place of an interface name. */
    public String sourceName() {
        return SOURCE_PREFIX + file.getFileName();
    }

    /** Whether packets said to come from {@code source} are replayed, not captured live. */
    public static boolean isReplay(String source) {
        return source.startsWith(SOURCE_PREFIX);
    }
}
