package dev.tapdeck.file;

import static dev.tapdeck.file.CaptureBytes.PCAP_MICROSECONDS;
import static dev.tapdeck.file.CaptureBytes.PCAP_NANOSECONDS;
import static dev.tapdeck.file.CaptureBytes.bytes;
import static dev.tapdeck.file.CaptureBytes.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapReaderTest {

    private static CaptureReader open(CaptureBytes file) throws IOException {
        return CaptureFiles.open(new ByteArrayInputStream(file.toArray()));
    }

    @Test
    void readsLittleEndianMicrosecondRecords() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1)
                .pcapRecord(1_084_443_427, 311_224, bytes(1, 2, 3, 4), 4)
                .pcapRecord(1_084_443_428, 999_999, bytes(9, 8), 1514);
        try (CaptureReader reader = open(file)) {
            assertThat(reader.formatName()).isEqualTo("pcap");
            assertThat(((PcapReader) reader).byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(((PcapReader) reader).nanosecondResolution()).isFalse();
            assertThat(((PcapReader) reader).snapshotLength()).isEqualTo(65535);
            List<Packet> packets = Packet.readAll(reader);
            assertThat(packets).containsExactly(
                    new Packet(bytes(1, 2, 3, 4), 4, 4, 1, 0, true, 1_084_443_427, 311_224_000, 6, 1, 24),
                    new Packet(bytes(9, 8), 2, 1514, 1, 0, true, 1_084_443_428, 999_999_000, 6, 2, 24 + 16 + 4));
        }
    }

    @Test
    void readsBigEndianNanosecondRecords() throws IOException {
        CaptureBytes file = CaptureBytes.bigEndian().pcapHeader(PCAP_NANOSECONDS, 262144, 101)
                .pcapRecord(0xF000_0000L, 123_456_789, pattern(60, 7), 60);
        assertThat(file.toArray()).startsWith(bytes(0xA1, 0xB2, 0x3C, 0x4D));
        try (CaptureReader reader = open(file)) {
            assertThat(((PcapReader) reader).byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
            assertThat(Packet.readAll(reader)).containsExactly(
                    new Packet(pattern(60, 7), 60, 60, 101, 0, true, 0xF000_0000L, 123_456_789, 9, 1, 24));
        }
    }

    @Test
    void readsBigEndianMicrosecondsAndLittleEndianNanoseconds() throws IOException {
        try (CaptureReader reader = open(CaptureBytes.bigEndian().pcapHeader(PCAP_MICROSECONDS, 96, 1)
                .pcapRecord(5, 6, bytes(1), 1))) {
            assertThat(Packet.readAll(reader)).extracting(Packet::epochSeconds, Packet::nanos, Packet::timestampDigits)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, 6000, 6));
        }
        try (CaptureReader reader = open(CaptureBytes.littleEndian().pcapHeader(PCAP_NANOSECONDS, 96, 1)
                .pcapRecord(5, 6, bytes(1), 1))) {
            assertThat(Packet.readAll(reader)).extracting(Packet::epochSeconds, Packet::nanos, Packet::timestampDigits)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, 6, 9));
        }
    }

    @Test
    void masksTheFcsBitsOffTheLinkType() throws IOException {
        // FCS length 4 present (bits 28-31 = 4, bit 26 set) on LINKTYPE_ETHERNET.
        long linkTypeField = (4L << 28) | (1L << 26) | 1;
        try (CaptureReader reader = open(CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, linkTypeField)
                .pcapRecord(1, 0, bytes(0), 1))) {
            assertThat(((PcapReader) reader).linkType()).isEqualTo(1);
            assertThat(Packet.readAll(reader).getFirst().linkType()).isEqualTo(1);
        }
    }

    @Test
    void aMicrosecondFieldOfAWholeSecondOrMoreCarriesIntoTheSeconds() throws IOException {
        try (CaptureReader reader = open(CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1)
                .pcapRecord(10, 2_500_000, bytes(0), 1))) {
            Packet packet = Packet.readAll(reader).getFirst();
            assertThat(packet.epochSeconds()).isEqualTo(12);
            assertThat(packet.nanos()).isEqualTo(500_000_000);
        }
    }

    @Test
    void aHeaderOnlyFileHasNoPackets() throws IOException {
        try (CaptureReader reader = open(CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1))) {
            assertThat(reader.next(new PacketRecord())).isFalse();
            assertThat(reader.next(new PacketRecord())).isFalse();
        }
    }

    @Test
    void aFileShorterThanItsHeaderIsRejected() {
        byte[] partial = java.util.Arrays.copyOf(
                CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1).toArray(), 20);
        assertThatThrownBy(() -> CaptureFiles.open(new ByteArrayInputStream(partial)))
                .isInstanceOf(CaptureFileException.class)
                .hasMessageStartingWith("file cut short in the pcap file header")
                .satisfies(e -> assertThat(((CaptureFileException) e).byteOffset()).isZero());
    }

    @Test
    void aRecordCutInItsHeaderFailsAfterTheEarlierPackets() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1)
                .pcapRecord(1, 0, bytes(1, 2, 3), 3)
                .pcapRecord(2, 0, bytes(4, 5), 2)
                .u32(3).u32(0).u16(9); // 10 of 16 header bytes
        try (CaptureReader reader = open(file)) {
            Packet.Outcome outcome = Packet.readUntilFailure(reader);
            assertThat(outcome.packets()).extracting(Packet::data).containsExactly(bytes(1, 2, 3), bytes(4, 5));
            assertThat(outcome.failure()).isInstanceOf(CaptureFileException.class)
                    .hasMessageStartingWith("file cut short in the middle of a packet");
            CaptureFileException failure = (CaptureFileException) outcome.failure();
            assertThat(failure.recordNumber()).isEqualTo(3);
            assertThat(failure.byteOffset()).isEqualTo(24 + 19 + 18);
        }
    }

    @Test
    void aRecordCutInItsBodyFailsAfterTheEarlierPackets() throws IOException {
        CaptureBytes file = CaptureBytes.bigEndian().pcapHeader(PCAP_NANOSECONDS, 65535, 1)
                .pcapRecord(1, 0, bytes(1, 2, 3), 3)
                .u32(2).u32(0).u32(100).u32(100).zeros(99);
        try (CaptureReader reader = open(file)) {
            Packet.Outcome outcome = Packet.readUntilFailure(reader);
            assertThat(outcome.packets()).hasSize(1);
            assertThat(outcome.failure()).isInstanceOf(CaptureFileException.class)
                    .hasMessageStartingWith("file cut short in the middle of a packet")
                    .hasMessageContaining("99 of 100");
            CaptureFileException failure = (CaptureFileException) outcome.failure();
            assertThat(failure.recordNumber()).isEqualTo(2);
            assertThat(failure.byteOffset()).isEqualTo(24 + 19);
        }
    }

    @Test
    void aCapturedLengthBeyondWhatTheSnaplenAllowsIsImpossible() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1)
                .pcapRecord(1, 0, bytes(1), 1)
                .u32(2).u32(0).u32(262_145).u32(262_145).zeros(64);
        try (CaptureReader reader = open(file)) {
            Packet.Outcome outcome = Packet.readUntilFailure(reader);
            assertThat(outcome.packets()).hasSize(1);
            assertThat(outcome.failure()).isInstanceOf(CaptureFileException.class)
                    .hasMessageStartingWith("impossible record length 262145");
            CaptureFileException failure = (CaptureFileException) outcome.failure();
            assertThat(failure.recordNumber()).isEqualTo(2);
            assertThat(failure.byteOffset()).isEqualTo(24 + 17);
        }
    }

    @Test
    void aLargerSnaplenAllowsLargerRecordsUpTo256MiB() throws IOException {
        byte[] big = pattern(300_000, 3);
        try (CaptureReader reader = open(CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 400_000, 1)
                .pcapRecord(1, 0, big, big.length))) {
            assertThat(Packet.readAll(reader).getFirst().data()).isEqualTo(big);
        }
        // A snaplen of 0xFFFFFFFF does not make a 4 GiB record believable.
        CaptureBytes huge = CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 0xFFFF_FFFFL, 1)
                .u32(1).u32(0).u32((256 << 20) + 1).u32(0);
        try (CaptureReader reader = open(huge)) {
            assertThatThrownBy(() -> reader.next(new PacketRecord()))
                    .isInstanceOf(CaptureFileException.class)
                    .hasMessageStartingWith("impossible record length " + ((256 << 20) + 1));
        }
    }

    @Test
    void aRecordLargerThanTheBufferGrowsItToThatRecordOnly() throws IOException {
        byte[] big = pattern(3 << 20, 1);
        CaptureBytes file = CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 8 << 20, 1)
                .pcapRecord(1, 0, bytes(1, 2), 2)
                .pcapRecord(2, 0, big, big.length)
                .pcapRecord(3, 0, bytes(3), 1);
        try (PcapReader reader = (PcapReader) open(file)) {
            List<Packet> packets = Packet.readAll(reader);
            assertThat(packets).extracting(Packet::capturedLength).containsExactly(2, 3 << 20, 1);
            assertThat(packets.get(1).data()).isEqualTo(big);
            assertThat(reader.bufferCapacity()).isBetween(16L + (3 << 20), 4L << 20);
        }
    }

    @Test
    void theBytesOfAPacketStayInPlaceUntilTheNextCall() throws IOException {
        try (CaptureReader reader = open(CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1)
                .pcapRecord(1, 0, bytes(10, 11, 12), 3))) {
            PacketRecord record = new PacketRecord();
            assertThat(reader.next(record)).isTrue();
            assertThat(record.buffer().get(java.lang.foreign.ValueLayout.JAVA_BYTE, record.offset() + 1)).isEqualTo((byte) 11);
            assertThat(record.interfaceId()).isZero();
            assertThat(record.hasTimestamp()).isTrue();
        }
    }
}
