package dev.tapdeck.analysis;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.decode.TestPackets;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import static dev.tapdeck.decode.TestPackets.*;

/**
 * A capture a test writes packet by packet (Ethernet, nanosecond pcap, through our own
 * writer), then reads back and feeds to an {@link Analyzer} as {@code tapdeck analyze} would:
 * frame numbers from 1, packet time from the records.
 */
final class TestTraffic {
    /** 2026-01-01T00:00:00Z: the captures' first second. */
    static final long START_SECONDS = 1_767_225_600L;
    static final long SECOND = 1_000_000_000L;
    static final int SYN = TcpHeader.SYN, ACK = TcpHeader.ACK, FIN = TcpHeader.FIN, RST = TcpHeader.RST, PSH = TcpHeader.PSH;

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final PcapWriter writer = new PcapWriter(file, LinkTypes.ETHERNET, 65_535, true);
    private final PacketRecord record = new PacketRecord();
    private long packets;

    /** Nanoseconds since the epoch of {@code nanos} after the captures' first second. */
    static long at(long nanos) {
        return START_SECONDS * SECOND + nanos;
    }

    long packets() { return packets; }

    TestTraffic add(long timeNanos, byte[] frame) {
        record.set(MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET)
                .timestamp(timeNanos / SECOND, (int) (timeNanos % SECOND), PacketRecord.NANOSECOND_DIGITS);
        try {
            writer.write(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        packets++;
        return this;
    }

    TestTraffic udp(long timeNanos, String source, int sourcePort, String destination, int destinationPort, int payloadLength) {
        return add(timeNanos, ethernet(ETHERTYPE_IPV4, ipv4(source, destination, PROTO_UDP)
                .wrap(TestPackets.udp(sourcePort, destinationPort, new byte[payloadLength]))));
    }

    TestTraffic tcp(long timeNanos, String source, int sourcePort, String destination, int destinationPort, int flags, int payloadLength) {
        return add(timeNanos, ethernet(ETHERTYPE_IPV4, ipv4(source, destination, PROTO_TCP)
                .wrap(TestPackets.tcp(sourcePort, destinationPort).flags(flags).wrap(new byte[payloadLength]))));
    }

    TestTraffic dns(long timeNanos, String source, int sourcePort, String destination, int destinationPort, byte[] message) {
        return add(timeNanos, ethernet(ETHERTYPE_IPV4, ipv4(source, destination, PROTO_UDP)
                .wrap(TestPackets.udp(sourcePort, destinationPort, message))));
    }

    /** Writes the capture out, reads it back and feeds every packet to {@code analyzer}. */
    Analyzer analyze(Analyzer analyzer) {
        return analyze(analyzer, flowId -> { });
    }

    /** As {@link #analyze(Analyzer)}, telling {@code flowIds} each packet's flow id in turn. */
    Analyzer analyze(Analyzer analyzer, LongConsumer flowIds) {
        try {
            writer.close();
            return analyze(CaptureFiles.open(new ByteArrayInputStream(file.toByteArray())), analyzer, flowIds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Analyzer analyze(Path capture, Analyzer analyzer) throws IOException {
        return analyze(CaptureFiles.open(capture), analyzer, flowId -> { });
    }

    private static Analyzer analyze(CaptureReader reader, Analyzer analyzer, LongConsumer flowIds) throws IOException {
        try (reader) {
            PacketDecoder decoder = new PacketDecoder();
            PacketRecord packet = new PacketRecord();
            long frame = 0;
            while (reader.next(packet)) {
                flowIds.accept(analyzer.accept(++frame, decoder.decode(packet), packet.epochSeconds() * SECOND + packet.nanos()));
            }
        }
        return analyzer;
    }
}
