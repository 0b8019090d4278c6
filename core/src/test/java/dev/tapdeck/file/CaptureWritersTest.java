package dev.tapdeck.file;

import static dev.tapdeck.file.CaptureBytes.PCAP_MICROSECONDS;
import static dev.tapdeck.file.CaptureBytes.PCAP_NANOSECONDS;
import static dev.tapdeck.file.CaptureBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaptureWritersTest {

    private static PacketRecord packet(byte[] data, int originalLength, int linkType, int interfaceId,
                                       long seconds, int nanos) {
        return new PacketRecord().set(MemorySegment.ofArray(data), 0, data.length, originalLength, linkType)
                .timestamp(seconds, nanos, 9).interfaceId(interfaceId);
    }

    @Test
    void pcapWriterWritesTheLayoutOfTheDraftInLittleEndian() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out, 1, 65535, false)) {
            writer.write(packet(bytes(0xAA, 0xBB, 0xCC), 60, 1, 0, 1_700_000_000L, 123_456_789));
        }
        byte[] expected = CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1)
                .pcapRecord(1_700_000_000L, 123_456, bytes(0xAA, 0xBB, 0xCC), 60).toArray();
        assertThat(out.toByteArray()).isEqualTo(expected);

        ByteArrayOutputStream nanos = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(nanos, 101, 262144, true)) {
            writer.write(packet(bytes(1), 1, 101, 0, 5, 123_456_789));
        }
        assertThat(nanos.toByteArray()).isEqualTo(CaptureBytes.littleEndian().pcapHeader(PCAP_NANOSECONDS, 262144, 101)
                .pcapRecord(5, 123_456_789, bytes(1), 1).toArray());
    }

    @Test
    void pcapWriterRefusesAnotherLinkTypeAndOverlongPackets() {
        PcapWriter writer = new PcapWriter(new ByteArrayOutputStream(), 1, 65535, false);
        assertThatThrownBy(() -> writer.write(packet(bytes(1), 1, 113, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one link type");
        assertThatThrownBy(() -> writer.write(packet(new byte[262_145], 262_145, 1, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("262145");
    }

    @Test
    void pcapngWriterWritesASectionAnInterfaceAndEnhancedPacketsWithAComment() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            writer.write(packet(bytes(1, 2, 3, 4, 5), 1514, 1, 0, 2, 5), "héllo");
            writer.write(packet(bytes(6), 1, 1, 0, 3, 0));
        }
        CaptureBytes expected = CaptureBytes.littleEndian().sectionHeader(1, 0);
        expected.interfaceDescription(1, 0, expected.tsresol(9));
        byte[] comment = "héllo".getBytes(StandardCharsets.UTF_8); // 6 bytes
        expected.block(6, expected.fields().u32(0).u32(0).u32(2_000_000_005L).u32(5).u32(1514)
                        .raw(bytes(1, 2, 3, 4, 5)).zeros(3)
                        .raw(expected.option(1, comment)).u32(0).toArray())
                .enhancedPacket(0, 3_000_000_000L, bytes(6), 1);
        assertThat(out.toByteArray()).isEqualTo(expected.toArray());
    }

    @Test
    void pcapngWriterDescribesEachInterfaceOnceBeforeItsFirstPacket() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            writer.write(packet(bytes(1), 1, 1, 7, 1, 0));
            writer.write(packet(bytes(2), 2, 101, 3, 2, 0));
            writer.write(packet(bytes(3), 3, 1, 7, 3, 0));
            writer.write(packet(bytes(4), 4, 113, 7, 4, 0)); // same id, other link type: another interface
        }
        CaptureBytes expected = CaptureBytes.littleEndian().sectionHeader(1, 0);
        byte[] nanoseconds = expected.tsresol(9);
        expected.interfaceDescription(1, 0, nanoseconds).enhancedPacket(0, 1_000_000_000L, bytes(1), 1)
                .interfaceDescription(101, 0, nanoseconds).enhancedPacket(1, 2_000_000_000L, bytes(2), 2)
                .enhancedPacket(0, 3_000_000_000L, bytes(3), 3)
                .interfaceDescription(113, 0, nanoseconds).enhancedPacket(2, 4_000_000_000L, bytes(4), 4);
        assertThat(out.toByteArray()).isEqualTo(expected.toArray());
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(Packet.readAll(reader)).extracting(Packet::interfaceId, Packet::linkType)
                    .containsExactly(tuple(0, 1), tuple(1, 101), tuple(0, 1), tuple(2, 113));
        }
    }

    @Test
    void timesOutsideWhatTheFormatHoldsAreRefusedAndLeaveNoTrace() throws IOException {
        PcapWriter pcap = new PcapWriter(new ByteArrayOutputStream(), 1, 65535, true);
        assertThatThrownBy(() -> pcap.write(packet(bytes(1), 1, 1, 0, 0x1_0000_0000L, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-bit seconds");
        assertThatThrownBy(() -> pcap.write(packet(bytes(1), 1, 1, 0, -1, 0)))
                .isInstanceOf(IllegalArgumentException.class);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter pcapng = new PcapngWriter(out)) {
            assertThatThrownBy(() -> pcapng.write(packet(bytes(1), 1, 1, 0, -1, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64-bit count of nanoseconds");
            assertThatThrownBy(() -> pcapng.write(packet(bytes(1), 1, 1, 0, 18_446_744_073L, 709_551_616)))
                    .isInstanceOf(IllegalArgumentException.class);
            // 2^64 - 1 nanoseconds: the last time pcapng holds.
            pcapng.write(packet(bytes(1), 1, 1, 0, 18_446_744_073L, 709_551_615));
        }
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(Packet.readAll(reader)).extracting(Packet::interfaceId, Packet::epochSeconds, Packet::nanos)
                    .containsExactly(tuple(0, 18_446_744_073L, 709_551_615));
        }
        // The refused packets wrote nothing, not even an interface description.
        assertThat(out.size()).isEqualTo(28 + 32 + 36);
    }

    @Test
    void writersBufferUntilFlushOrClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter writer = new PcapngWriter(out);
        writer.write(packet(bytes(1), 1, 1, 0, 1, 0));
        assertThat(out.size()).isZero();
        writer.flush();
        assertThat(out.size()).isEqualTo(28 + 32 + 36);
        writer.close();

        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        PcapWriter pcapWriter = new PcapWriter(pcap, 1, 65535, false);
        pcapWriter.write(packet(bytes(1), 1, 1, 0, 1, 0));
        assertThat(pcap.size()).isZero();
        pcapWriter.flush();
        assertThat(pcap.size()).isEqualTo(24 + 17);
        pcapWriter.close();
    }

    @Test
    void packetsLargerThanTheWriteBufferPassThroughIt() throws IOException {
        byte[] big = CaptureBytes.pattern(200_000, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            writer.write(packet(big, big.length, 1, 0, 1, 0));
        }
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(Packet.readAll(reader)).extracting(Packet::data).containsExactly(big);
        }
    }
}
