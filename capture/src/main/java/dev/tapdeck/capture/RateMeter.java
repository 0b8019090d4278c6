package dev.tapdeck.capture;

import java.util.concurrent.TimeUnit;

/**
 * Packets and bytes per second over the last whole second, for a source's status. The thread
 * that counts samples it as often as it likes; any thread reads the rates.
 */
public final class RateMeter {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private long sampledPackets;
    private long sampledBytes;
    private long sampledAt;
    private long nextSample;
    private volatile double packetsPerSecond;
    private volatile double bytesPerSecond;

    /** Starts measuring at {@code now} ({@link System#nanoTime()}). */
    public void restart(long now) {
        sampledAt = now;
        nextSample = now + SECOND;
    }

    /**
     * Takes the rates when a second has passed since the last time they were taken.
     *
     * @return true when it did
     */
    public boolean sample(long now, long packets, long bytes) {
        if (now < nextSample) {
            return false;
        }
        double seconds = (now - sampledAt) / 1e9;
        packetsPerSecond = (packets - sampledPackets) / seconds;
        bytesPerSecond = (bytes - sampledBytes) / seconds;
        sampledPackets = packets;
        sampledBytes = bytes;
        sampledAt = now;
        nextSample = now + SECOND;
        return true;
    }

    public double packetsPerSecond() { return packetsPerSecond; }

    public double bytesPerSecond() { return bytesPerSecond; }
}
