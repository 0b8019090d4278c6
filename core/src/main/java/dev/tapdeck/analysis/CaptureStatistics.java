package dev.tapdeck.analysis;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.file.PacketRecord;

/**
 * Running totals over decoded packets: counts, bytes, time span, packets per protocol,
 * malformed and short packets, and the conversations. Adding a packet allocates nothing.
 */
public final class CaptureStatistics {
    private static final Protocol[] PROTOCOLS = Protocol.values();

    private final long[] protocolPackets = new long[PROTOCOLS.length];
    private final boolean[] seenInPacket = new boolean[PROTOCOLS.length];
    private final ConversationTable conversations = new ConversationTable();
    private long packets;
    private long bytes;
    private long capturedBytes;
    private long malformed;
    private long truncated;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    public void add(PacketRecord packet, Dissection d) {
        packets++;
        bytes += packet.originalLength();
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
        // A protocol counts once per packet, however often it repeats (tunnels, ICMP quotes).
        for (int i = 0; i < d.layerCount(); i++) {
            int p = d.layer(i).ordinal();
            if (!seenInPacket[p]) {
                seenInPacket[p] = true;
                protocolPackets[p]++;
            }
        }
        for (int i = 0; i < d.layerCount(); i++) {
            seenInPacket[d.layer(i).ordinal()] = false;
        }
        conversations.add(d, time);
    }

    public long packets() { return packets; }
    /** Sum of the packets' lengths on the wire. */
    public long bytes() { return bytes; }
    /** Sum of the bytes the capture holds. */
    public long capturedBytes() { return capturedBytes; }
    public long malformedPackets() { return malformed; }
    public long shortPackets() { return truncated; }
    public long packetsWith(Protocol protocol) { return protocolPackets[protocol.ordinal()]; }
    public ConversationTable conversations() { return conversations; }
    public boolean hasTimeSpan() { return firstNanos <= lastNanos; }
    public long firstNanos() { return firstNanos; }
    public long lastNanos() { return lastNanos; }
}
