package dev.tapdeck.analysis;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.file.PacketRecord;

import java.time.Duration;

/**
 * Running totals over decoded packets: counts, bytes, time span, packets per protocol,
 * malformed and short packets, and the flows. Adding a packet allocates nothing.
 */
public final class CaptureStatistics {
    /** A file's flows are all kept (no idle timeout), up to this many. */
    static final int MAX_FLOWS = 1 << 19;

    private final ProtocolHierarchy protocols = new ProtocolHierarchy();
    private final FlowTable flows = new FlowTable(MAX_FLOWS, Duration.ZERO);
    private long capturedBytes;
    private long malformed;
    private long truncated;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    public void add(PacketRecord packet, Dissection d) {
        capturedBytes += packet.capturedLength();
        long time = 0;
        if (packet.hasTimestamp()) {
            time = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
            firstNanos = Math.min(firstNanos, time);
            lastNanos = Math.max(lastNanos, time);
        }
        if (d.malformed()) {
            malformed++;
        } else if (d.truncated()) {
            truncated++;
        }
        protocols.add(d);
        flows.add(d, time);
    }

    public long packets() { return protocols.packets(); }
    /** Sum of the packets' lengths on the wire. */
    public long bytes() { return protocols.bytes(); }
    /** Sum of the bytes the capture holds. */
    public long capturedBytes() { return capturedBytes; }
    public long malformedPackets() { return malformed; }
    public long shortPackets() { return truncated; }
    public long packetsWith(Protocol protocol) { return protocols.packetsWith(protocol); }
    public ProtocolHierarchy protocols() { return protocols; }
    public FlowTable flows() { return flows; }
    public boolean hasTimeSpan() { return firstNanos <= lastNanos; }
    public long firstNanos() { return firstNanos; }
    public long lastNanos() { return lastNanos; }
}
