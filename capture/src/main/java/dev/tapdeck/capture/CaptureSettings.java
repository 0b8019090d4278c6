package dev.tapdeck.capture;

import dev.tapdeck.capture.pcap.PcapHandle;

/**
 * What to capture and how: the interface, an optional BPF filter, the libpcap handle's
 * settings, and the size of the ring between the capture thread and the consumers.
 *
 * @param filter        a pcap-filter(7) expression; empty captures everything
 * @param snaplen       bytes kept of each packet
 * @param promiscuous   capture packets addressed to other hosts too
 * @param bufferBytes   the kernel's capture buffer
 * @param timeoutMillis how long libpcap may hold packets before delivering a batch
 * @param immediate     deliver every packet at once (lower latency, more system calls)
 * @param ringPackets   packets that can wait for the consumers; more are dropped and counted
 * @param ringBytes     room for their bytes
 */
public record CaptureSettings(String interfaceName, String filter, int snaplen, boolean promiscuous, int bufferBytes,
                              int timeoutMillis, boolean immediate, int ringPackets, int ringBytes) {
    public static final int DEFAULT_RING_PACKETS = 65_536;
    public static final int DEFAULT_RING_BYTES = 64 << 20;

    public CaptureSettings {
        if (interfaceName == null || interfaceName.isBlank()) {
            throw new IllegalArgumentException("no interface given: name one (tapdeck interfaces lists them)");
        }
        filter = filter == null ? "" : filter.strip();
        if (snaplen < 1 || snaplen > PcapHandle.Options.DEFAULT_SNAPLEN) {
            throw new IllegalArgumentException("snap length must be 1 to " + PcapHandle.Options.DEFAULT_SNAPLEN + " bytes, not " + snaplen);
        }
        if (bufferBytes < 65_536) {
            throw new IllegalArgumentException("capture buffer must be at least 64 KiB, not " + bufferBytes + " bytes");
        }
        if (timeoutMillis < 1 || timeoutMillis > 10_000) {
            throw new IllegalArgumentException("read timeout must be 1 to 10,000 ms, not " + timeoutMillis);
        }
        if (ringPackets < 1 || ringPackets > 1 << 24) {
            throw new IllegalArgumentException("ring must hold 1 to 16,777,216 packets, not " + ringPackets);
        }
        if (ringBytes < snaplen) {
            throw new IllegalArgumentException("ring of " + ringBytes + " bytes cannot hold one packet of the snap length " + snaplen);
        }
    }

    /** Defaults for {@code interfaceName}: whole packets, promiscuous, 16 MiB kernel buffer, 100 ms batches. */
    public static CaptureSettings of(String interfaceName) {
        PcapHandle.Options handle = PcapHandle.Options.defaults();
        return new CaptureSettings(interfaceName, "", handle.snaplen(), handle.promiscuous(), handle.bufferBytes(),
                handle.timeoutMillis(), handle.immediate(), DEFAULT_RING_PACKETS, DEFAULT_RING_BYTES);
    }

    public CaptureSettings withInterface(String value) {
        return new CaptureSettings(value, filter, snaplen, promiscuous, bufferBytes, timeoutMillis, immediate, ringPackets, ringBytes);
    }

    public CaptureSettings withFilter(String value) {
        return new CaptureSettings(interfaceName, value, snaplen, promiscuous, bufferBytes, timeoutMillis, immediate, ringPackets, ringBytes);
    }

    public CaptureSettings withSnaplen(int value) {
        return new CaptureSettings(interfaceName, filter, value, promiscuous, bufferBytes, timeoutMillis, immediate, ringPackets, Math.max(ringBytes, value));
    }

    public CaptureSettings withPromiscuous(boolean value) {
        return new CaptureSettings(interfaceName, filter, snaplen, value, bufferBytes, timeoutMillis, immediate, ringPackets, ringBytes);
    }

    public CaptureSettings withBufferBytes(int value) {
        return new CaptureSettings(interfaceName, filter, snaplen, promiscuous, value, timeoutMillis, immediate, ringPackets, ringBytes);
    }

    public CaptureSettings withImmediate(boolean value) {
        return new CaptureSettings(interfaceName, filter, snaplen, promiscuous, bufferBytes, timeoutMillis, value, ringPackets, ringBytes);
    }

    public CaptureSettings withRing(int packets, int bytes) {
        return new CaptureSettings(interfaceName, filter, snaplen, promiscuous, bufferBytes, timeoutMillis, immediate, packets, bytes);
    }

    PcapHandle.Options handleOptions() {
        return new PcapHandle.Options(snaplen, promiscuous, timeoutMillis, bufferBytes, immediate);
    }

    /** {@code lo} or {@code lo with filter "udp port 53"}, for messages and logs. */
    public String describe() {
        return filter.isEmpty() ? interfaceName : interfaceName + " with filter \"" + filter + "\"";
    }
}
