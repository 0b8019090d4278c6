package dev.tapdeck.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-packet paths allocate nothing: reading a file through its channel, writing with
 * either writer, and recording into a file with limits. Measured as the bytes this thread
 * allocates over 200,000 packets.
 */
class NoAllocationTest {
    private static final int PACKETS = 200_000;
    /** Far less than one small object per packet. */
    private static final long ALLOWANCE = 256 << 10;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path folder;

    private static PacketRecord packet(int i) {
        byte[] data = new byte[60 + i % 1400];
        return new PacketRecord().set(MemorySegment.ofArray(data), 0, data.length, data.length, i % 3 == 0 ? 1 : 101)
                .timestamp(1_700_000_000L + i, i * 7, 9).interfaceId(i % 3);
    }

    @Test
    void readingAPcapngFileAllocatesNothingPerPacket() throws IOException {
        Path file = folder.resolve("many.pcapng");
        try (PcapngWriter writer = new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int i = 0; i < PACKETS; i++) {
                writer.write(packet(i));
            }
        }
        assertThat(countWhileMeasuring(file)).isEqualTo(PACKETS);
    }

    @Test
    void readingAPcapFileAllocatesNothingPerPacket() throws IOException {
        Path file = folder.resolve("many.pcap");
        try (PcapWriter writer = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), 1, 65535, false)) {
            for (int i = 0; i < PACKETS; i++) {
                PacketRecord packet = packet(i);
                writer.write(packet.set(packet.buffer(), 0, packet.capturedLength(), packet.originalLength(), 1));
            }
        }
        assertThat(countWhileMeasuring(file)).isEqualTo(PACKETS);
    }

    private long countWhileMeasuring(Path file) throws IOException {
        long packets = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord record = new PacketRecord();
            long before = threads.getCurrentThreadAllocatedBytes();
            while (reader.next(record)) {
                packets++;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated reading %d packets from %s", packets, file.getFileName())
                    .isLessThan(ALLOWANCE);
        }
        return packets;
    }

    @Test
    void writingAllocatesNothingPerPacket() throws IOException {
        PacketRecord[] packets = smallPackets();
        try (PcapngWriter pcapng = new PcapngWriter(OutputStream.nullOutputStream(), new SectionInfo("x86_64", "Linux", "test"));
             PcapWriter pcap = new PcapWriter(OutputStream.nullOutputStream(), 1, 65535, true)) {
            PacketRecord ethernet = packet(0);
            // Described and undescribed interfaces alike.
            pcapng.describeInterface(0, 1, new InterfaceInfo("eth0", "Uplink", "tcp", "Linux", 65535));
            pcapng.describeInterface(1, 101, new InterfaceInfo("tun0", null, null, null, 0));
            long allocated = allocatedWriting(packets, pcapng, i -> pcap.write(ethernet));
            assertThat(allocated).as("bytes allocated writing %d packets twice", PACKETS).isLessThan(ALLOWANCE);
        }
    }

    @Test
    void recordingAllocatesNothingPerPacket() throws IOException {
        // Limits far above what is written: every packet is checked against them, none starts a file.
        RotatingCaptureWriter.Settings settings = new RotatingCaptureWriter.Settings(folder.resolve("ring.pcapng"),
                1_000_000, 3600, false, 0);
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T14:30:00Z"), ZoneOffset.UTC);
        Duration tick = Duration.ofMillis(1);
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(settings, new SectionInfo("x86_64", "Linux", "test"), clock)) {
            writer.describeInterface(0, 1, new InterfaceInfo("eth0", "Uplink", "tcp", "Linux", 65535));
            long allocated = allocatedWriting(smallPackets(), writer, i -> clock.advance(tick)); // a flush every 1,000 packets
            assertThat(allocated).as("bytes allocated recording %d packets", PACKETS).isLessThan(ALLOWANCE);
            assertThat(writer.files()).hasSize(1);
        }
    }

    /** 16 packets of 60 to 75 bytes on 3 interfaces, to write over and over. */
    private static PacketRecord[] smallPackets() {
        PacketRecord[] packets = new PacketRecord[16];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = packet(i);
        }
        return packets;
    }

    @FunctionalInterface
    private interface PacketStep {
        void after(int packet) throws IOException;
    }

    /**
     * Bytes this thread allocates writing {@link #PACKETS} of {@code packets} in turn, each
     * followed by {@code step}; first one packet of each interface, whose description it writes.
     */
    private long allocatedWriting(PacketRecord[] packets, CaptureWriter writer, PacketStep step) throws IOException {
        for (int i = 0; i < 3; i++) {
            writer.write(packets[i]);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < PACKETS; i++) {
            writer.write(packets[i & 15]);
            step.after(i);
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
