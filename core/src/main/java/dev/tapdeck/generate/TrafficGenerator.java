package dev.tapdeck.generate;

import dev.tapdeck.decode.LinkTypes;

import dev.tapdeck.file.CaptureWriter;
import dev.tapdeck.file.PacketRecord;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes a synthetic but realistic capture of a busy link: many interleaved TCP connections
 * (HTTP/1.1 and TLS), DNS lookups and pings over IPv4 and IPv6, some on 802.1Q VLANs, with
 * correct checksums and plausible timing. The same seed, mix and packet count always give
 * the same packets, byte for byte, with the same timestamps.
 *
 * <p>Every packet is built in one reused buffer and handed to the writer through one reused
 * {@link PacketRecord}; the writer must copy what it keeps before {@code write} returns.
 */
public final class TrafficGenerator {
    /** Bytes a frame occupies on the wire beyond the capture: FCS, preamble and inter-frame gap. */
    private static final int WIRE_OVERHEAD = 4 + 8 + 12;

    private final long seed;
    private final TrafficMix mix;

    /** A generator of the {@linkplain TrafficMix#defaults() default mix}. */
    public TrafficGenerator(long seed) {
        this(seed, TrafficMix.defaults());
    }

    public TrafficGenerator(long seed, TrafficMix mix) {
        this.seed = seed;
        this.mix = Objects.requireNonNull(mix, "mix");
    }

    /**
     * Writes exactly {@code packets} packets to {@code out}, timestamps rising from the mix's
     * start in microsecond steps. Does not close {@code out}. Each call starts again from the
     * seed, so two calls write the same packets.
     */
    public TrafficSummary generate(CaptureWriter out, long packets) throws IOException {
        if (packets < 0) {
            throw new IllegalArgumentException("packet count must not be negative, was " + packets);
        }
        FlowContext context = FlowContext.create(seed, mix);
        FlowScheduler scheduler = new FlowScheduler(context);
        MemorySegment frame = MemorySegment.ofArray(context.frame());
        PacketRecord record = new PacketRecord();
        long startSecond = mix.start().getEpochSecond();
        int startNano = mix.start().getNano();

        long linkFreeAt = 0;
        long firstAt = 0;
        long now = 0;
        long bytes = 0;
        for (long written = 0; written < packets; written++) {
            // A frame waits while the link is still sending the one before it.
            now = Math.max(scheduler.nextDueAt(), linkFreeAt);
            if (written == 0) {
                firstAt = now;
            }
            int length = scheduler.writeDuePacket(now);
            linkFreeAt = now + (length + WIRE_OVERHEAD) * 8L * Flow.SECOND / mix.linkBitsPerSecond();
            bytes += length;

            long sinceEpochSecond = startNano + now;
            long micros = sinceEpochSecond / Flow.MICROSECOND;
            record.set(frame, 0, length, length, LinkTypes.ETHERNET)
                    .timestamp(startSecond + micros / 1_000_000, (int) (micros % 1_000_000) * 1_000,
                            PacketRecord.MICROSECOND_DIGITS);
            out.write(record);
        }
        return new TrafficSummary(packets, bytes, scheduler.flowsStarted(), Duration.ofNanos(now - firstAt));
    }
}
