package dev.tapdeck.stream;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;

import static dev.tapdeck.decode.TestPackets.PROTO_TCP;
import static dev.tapdeck.decode.TestPackets.ipv4;
import static dev.tapdeck.decode.TestPackets.tcp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracking and analysing a TCP conversation allocates nothing per segment once its tables have
 * grown (STYLE.md): a bulk transfer, each data segment acknowledged, with timestamps on, whose
 * sequence numbers run on (wrapping past 2^32) while the JVM's per-thread allocation counter
 * watches. The bound leaves room for the counter's noise, not for a byte per segment.
 */
class TcpAnalysisAllocationTest {
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int MEASURED_ROUNDS = 200_000;
    private static final long BOUND = 64 * 1024;
    private static final int PAYLOAD = 1000;
    /** Where the TCP header's sequence and acknowledgement numbers are in the raw IPv4 packets. */
    private static final int SEQ = 20 + 4, ACK = 20 + 8;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final byte[] data = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
            .wrap(tcp(44644, 80).flags(TcpHeader.ACK | TcpHeader.PSH).ack(7000).wrap(new byte[PAYLOAD]));
    private final byte[] ack = ipv4("198.51.100.2", "192.0.2.1", PROTO_TCP).wrap(tcp(80, 44644).seq(7000).build());
    private final PacketRecord dataRecord = record(data);
    private final PacketRecord ackRecord = record(ack);
    private final PacketDecoder decoder = new PacketDecoder();
    private final StreamTracker tracker = new TcpPreferences(true, true, false).tracker();
    private final StreamFacts facts = new StreamFacts();
    private long frame;
    /** Wraps past 2^32 early in the measured rounds (never exactly 0, which Wireshark reads as no sequence seen). */
    private int sequence = -20_000_500;

    @Test
    void analysingSegmentsAllocatesNothing() {
        long flagged = 0;
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            flagged += round();
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            flagged += round();
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(flagged).as("segments of an orderly transfer with analysis flags").isZero();
        assertThat(facts.acksFrame()).as("the last ACK acknowledges the segment before it").isEqualTo(frame - 1);
        assertThat(allocated).as("bytes allocated tracking %,d segments", 2L * MEASURED_ROUNDS).isLessThan(BOUND);
    }

    /** One data segment and its acknowledgement; the analysis flags they got. */
    private int round() {
        putInt(data, SEQ, sequence);
        sequence += PAYLOAD;
        putInt(ack, ACK, sequence);
        tracker.offer(decoder.decode(dataRecord), ++frame, frame * 1000, facts);
        int flags = facts.analysisFlags();
        tracker.offer(decoder.decode(ackRecord), ++frame, frame * 1000, facts);
        return flags | facts.analysisFlags();
    }

    private static void putInt(byte[] packet, int at, int value) {
        for (int i = 0; i < 4; i++) {
            packet[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    private static PacketRecord record(byte[] packet) {
        return new PacketRecord().set(MemorySegment.ofArray(packet), 0, packet.length, packet.length, LinkTypes.RAW)
                .timestamp(1_700_000_000L, 0, PacketRecord.MICROSECOND_DIGITS);
    }
}
