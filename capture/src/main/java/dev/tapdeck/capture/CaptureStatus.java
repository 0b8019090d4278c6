package dev.tapdeck.capture;

import java.time.Instant;

/**
 * A capture's state at one moment. The counts cover the current (or last) capture.
 *
 * @param packets         packets captured and handed to the consumers
 * @param bytes           their bytes as captured
 * @param packetsPerSecond over the last second
 * @param bytesPerSecond  over the last second
 * @param kernelDrops     dropped before reaching Tapdeck: libpcap's {@code ps_drop + ps_ifdrop}
 * @param ringDrops       reached Tapdeck but found the ring full: the consumers were too slow
 * @param lastPacketTime  the time stamp of the newest packet, null before the first
 * @param error           why the capture ended by itself (the interface went away, …), else null
 */
public record CaptureStatus(boolean running, String interfaceName, String filter, int linkType,
                            long packets, long bytes, double packetsPerSecond, double bytesPerSecond,
                            long kernelDrops, long ringDrops, Instant lastPacketTime, Instant startTime,
                            Instant stopTime, String error) {

    /** Nothing captured yet. */
    public static CaptureStatus idle() {
        return new CaptureStatus(false, null, null, -1, 0, 0, 0, 0, 0, 0, null, null, null, null);
    }

    /** Packets that reached a consumer plus every drop: what the interface saw, as far as it was counted. */
    public long packetsSeen() {
        return packets + kernelDrops + ringDrops;
    }
}
