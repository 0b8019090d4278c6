package dev.tapdeck.file;

import static dev.tapdeck.file.CaptureBytes.bytes;
import static dev.tapdeck.file.CaptureBytes.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapngReaderTest {
    private static final int ETHERNET = 1;
    private static final int NULL = 0;
    private static final int RAW = 101;

    private static CaptureReader open(byte[] file) throws IOException {
        return CaptureFiles.open(new ByteArrayInputStream(file));
    }

    private static CaptureReader open(CaptureBytes file) throws IOException {
        return open(file.toArray());
    }

    @Test
    void readsEnhancedPacketsInBothByteOrders() throws IOException {
        for (CaptureBytes file : List.of(CaptureBytes.littleEndian(), CaptureBytes.bigEndian())) {
            file.sectionHeader(1, 0)
                    .interfaceDescription(ETHERNET, 65535)
                    .enhancedPacket(0, 1_084_443_427_311_224L, bytes(1, 2, 3, 4, 5), 5)
                    .enhancedPacket(0, 1_084_443_428_000_001L, bytes(6, 7, 8, 9), 1514);
            try (CaptureReader reader = open(file)) {
                assertThat(reader.formatName()).isEqualTo("pcapng");
                assertThat(Packet.readAll(reader)).containsExactly(
                        new Packet(bytes(1, 2, 3, 4, 5), 5, 5, ETHERNET, 0, true, 1_084_443_427, 311_224_000, 6, 1, 28 + 20),
                        new Packet(bytes(6, 7, 8, 9), 4, 1514, ETHERNET, 0, true, 1_084_443_428, 1_000, 6, 2, 28 + 20 + 40));
            }
        }
    }

    @Test
    void eachInterfaceHasItsOwnLinkType() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .interfaceDescription(NULL, 0)
                .enhancedPacket(1, 10, bytes(1), 1)
                .interfaceDescription(RAW, 0)
                .enhancedPacket(2, 20, bytes(2), 2)
                .enhancedPacket(0, 30, bytes(3), 3);
        try (CaptureReader reader = open(file)) {
            assertThat(Packet.readAll(reader)).extracting(Packet::interfaceId, Packet::linkType)
                    .containsExactly(tuple(1, NULL), tuple(2, RAW), tuple(0, ETHERNET));
        }
    }

    @Test
    void interfaceIdsAndByteOrderStartAgainInEachSection() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .interfaceDescription(NULL, 0)
                .enhancedPacket(1, 1_000_000, bytes(1), 1)
                .order(ByteOrder.BIG_ENDIAN).sectionHeader(1, 0)
                .interfaceDescription(RAW, 0, CaptureBytes.bigEndian().tsresol(9))
                .enhancedPacket(0, 2_000_000_005L, bytes(2), 2)
                .order(ByteOrder.LITTLE_ENDIAN).sectionHeader(1, 2)
                .interfaceDescription(NULL, 0)
                .enhancedPacket(0, 3_000_000, bytes(3), 3);
        try (PcapngReader reader = (PcapngReader) open(file)) {
            assertThat(Packet.readAll(reader))
                    .extracting(Packet::data, Packet::interfaceId, Packet::linkType, Packet::epochSeconds, Packet::nanos, Packet::timestampDigits)
                    .containsExactly(
                            tuple(bytes(1), 1, NULL, 1L, 0, 6),
                            tuple(bytes(2), 0, RAW, 2L, 5, 9),
                            tuple(bytes(3), 0, NULL, 3L, 0, 6));
            assertThat(reader.sectionVersion()).isEqualTo("1.2");
            assertThat(reader.interfaceCount()).isEqualTo(1);
        }
    }

    @Test
    void tsresolInPowersOfTenSetsTheUnitAndTheDigitsTsharkShows() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0);
        file.interfaceDescription(ETHERNET, 0, file.tsresol(3))
                .interfaceDescription(ETHERNET, 0, file.tsresol(4))
                .interfaceDescription(ETHERNET, 0, file.tsresol(9))
                .interfaceDescription(ETHERNET, 0, file.tsresol(0))
                .interfaceDescription(ETHERNET, 0, file.tsresol(12))
                .enhancedPacket(0, 1_700_000_000_123L, bytes(0), 1)
                .enhancedPacket(1, 17_000_000_001_234L, bytes(0), 1)
                .enhancedPacket(2, 1_700_000_000_123_456_789L, bytes(0), 1)
                .enhancedPacket(3, 1_700_000_000L, bytes(0), 1)
                .enhancedPacket(4, 1_700_000_123_456_789_012L, bytes(0), 1);
        try (CaptureReader reader = open(file)) {
            assertThat(Packet.readAll(reader)).extracting(Packet::epochSeconds, Packet::nanos, Packet::timestampDigits)
                    .containsExactly(
                            tuple(1_700_000_000L, 123_000_000, 3),
                            // 10^-4 s: wiretap shows milliseconds for anything from 10^3 to 10^6 units per second
                            tuple(1_700_000_000L, 123_400_000, 3),
                            tuple(1_700_000_000L, 123_456_789, 9),
                            tuple(1_700_000_000L, 0, 0),
                            tuple(1_700_000L, 123_456_789, 9));
        }
    }

    @Test
    void tsresolInPowersOfTwoSetsTheUnitAndTheDigitsTsharkShows() throws IOException {
        CaptureBytes file = CaptureBytes.bigEndian().sectionHeader(1, 0);
        file.interfaceDescription(ETHERNET, 0, file.tsresol(0x80 | 10))
                .interfaceDescription(ETHERNET, 0, file.tsresol(0x80 | 20))
                .interfaceDescription(ETHERNET, 0, file.tsresol(0x80 | 30))
                .interfaceDescription(ETHERNET, 0, file.tsresol(0x80 | 40))
                // 3.5 s in 1/1024 s
                .enhancedPacket(0, 3 * 1024 + 512, bytes(0), 1)
                // 7.25 s in 2^-20 s
                .enhancedPacket(1, (7L << 20) + (1 << 18), bytes(0), 1)
                // 1 s + 1/2^30 s = 0.931322574... ns, shown as 0 ns (rounded down)
                .enhancedPacket(2, (1L << 30) + 1, bytes(0), 1)
                // 1,000,000 s + 3/4 s in 2^-40 s: the fraction times 10^9 needs more than 64 bits
                .enhancedPacket(3, (1_000_000L << 40) + (3L << 38), bytes(0), 1);
        try (CaptureReader reader = open(file)) {
            assertThat(Packet.readAll(reader)).extracting(Packet::epochSeconds, Packet::nanos, Packet::timestampDigits)
                    .containsExactly(
                            tuple(3L, 500_000_000, 3),
                            tuple(7L, 250_000_000, 6),
                            tuple(1L, 0, 9),
                            tuple(1_000_000L, 750_000_000, 9));
        }
    }

    @Test
    void tsoffsetAddsWholeSeconds() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0);
        file.interfaceDescription(ETHERNET, 0, file.tsoffset(1_000_000_000L), file.tsresol(9))
                .interfaceDescription(ETHERNET, 0, file.tsoffset(-3600))
                .enhancedPacket(0, 700_000_000_123_456_789L, bytes(0), 1)
                .enhancedPacket(1, 1_700_003_600_000_042L, bytes(0), 1);
        try (CaptureReader reader = open(file)) {
            assertThat(Packet.readAll(reader)).extracting(Packet::epochSeconds, Packet::nanos, Packet::timestampDigits)
                    .containsExactly(tuple(1_700_000_000L, 123_456_789, 9), tuple(1_700_000_000L, 42_000, 6));
        }
    }

    @Test
    void unknownAndMalformedOptionsAreIgnored() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0);
        file.interfaceDescription(ETHERNET, 0,
                        file.option(2, "eth0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), // if_name
                        file.option(9, bytes(9, 9)), // if_tsresol of the wrong length: ignored
                        file.tsresol(3))
                .enhancedPacket(0, 5_001, bytes(0), 1);
        try (CaptureReader reader = open(file)) {
            assertThat(Packet.readAll(reader)).extracting(Packet::epochSeconds, Packet::nanos, Packet::timestampDigits)
                    .containsExactly(tuple(5L, 1_000_000, 3));
        }
    }

    @Test
    void simplePacketsHaveNoTimestampAndACapturedLengthFromSnaplenAndBlockRoom() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(RAW, 8)
                .simplePacket(6, pattern(6, 1))      // shorter than the snaplen: all of it
                .simplePacket(100, pattern(8, 1))    // cut by the snaplen (8)
                .order(ByteOrder.BIG_ENDIAN).sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .simplePacket(1514, pattern(10, 1)); // no snaplen: cut by the room in the block (12 padded)
        try (CaptureReader reader = open(file)) {
            List<Packet> packets = Packet.readAll(reader);
            assertThat(packets).extracting(Packet::capturedLength, Packet::originalLength, Packet::linkType, Packet::hasTimestamp)
                    .containsExactly(tuple(6, 6, RAW, false), tuple(8, 100, RAW, false), tuple(12, 1514, ETHERNET, false));
            assertThat(packets.get(2).data()).isEqualTo(Arrays.copyOf(pattern(10, 1), 12));
        }
    }

    @Test
    void readsTheObsoletePacketBlock() throws IOException {
        CaptureBytes file = CaptureBytes.bigEndian().sectionHeader(1, 0)
                .interfaceDescription(NULL, 0)
                .interfaceDescription(ETHERNET, 0)
                .obsoletePacket(1, 42_500_000, bytes(7, 7, 7), 3);
        try (CaptureReader reader = open(file)) {
            assertThat(Packet.readAll(reader)).containsExactly(
                    new Packet(bytes(7, 7, 7), 3, 3, ETHERNET, 1, true, 42, 500_000_000, 6, 1, 28 + 20 + 20));
        }
    }

    @Test
    void skipsEveryBlockThatIsNotAPacketOrAnInterface() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0);
        byte[] nameRecord = file.fields().u16(1).u16(8).raw(bytes(10, 0, 0, 1)).raw("a\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u16(0).u16(0).toArray();
        file.block(4, nameRecord)                                           // NRB before any interface
                .interfaceDescription(ETHERNET, 0)
                .enhancedPacket(0, 1, bytes(1), 1)
                .block(5, file.fields().u32(0).u32(0).u32(0).toArray())      // ISB
                .block(0x0BAD, file.fields().u32(32473).raw(bytes(1, 2, 3)).toArray())   // custom, copyable
                .block(0x40000BAD, file.fields().u32(32473).toArray())      // custom, not copyable
                .block(0x0A, file.fields().u32(0x544c534b).u32(4).raw(bytes(1, 2, 3, 4)).toArray()) // DSB
                .block(0x12345, pattern(20, 0))                             // unknown type
                .block(0x80000001L, new byte[0])                            // local use, empty body
                .enhancedPacket(0, 2, bytes(2), 2);
        try (CaptureReader reader = open(file)) {
            assertThat(Packet.readAll(reader)).extracting(Packet::data, Packet::recordNumber)
                    .containsExactly(tuple(bytes(1), 1L), tuple(bytes(2), 2L));
        }
    }

    @Test
    void aLargeSkippedBlockDoesNotGrowTheBuffer() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .block(0x0BAD, new byte[5 << 20])
                .enhancedPacket(0, 1, bytes(1), 1);
        try (PcapngReader reader = (PcapngReader) open(file)) {
            assertThat(Packet.readAll(reader)).hasSize(1);
            assertThat(reader.bufferCapacity()).isLessThanOrEqualTo(ReadWindow.INITIAL_CAPACITY);
        }
    }

    @Test
    void aBlockCutInItsHeaderFailsAfterTheEarlierPackets() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .enhancedPacket(0, 1, bytes(1), 1)
                .u32(6).u16(0);
        try (CaptureReader reader = open(file)) {
            Packet.Outcome outcome = Packet.readUntilFailure(reader);
            assertThat(outcome.packets()).hasSize(1);
            assertCaptureFileException(outcome.failure(), "file cut short in the middle of", 28 + 20 + 36, 2);
        }
    }

    @Test
    void aPacketBlockCutInItsBodyFailsAfterTheEarlierPackets() throws IOException {
        byte[] whole = CaptureBytes.bigEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .enhancedPacket(0, 1, bytes(1), 1)
                .enhancedPacket(0, 2, bytes(1, 2, 3, 4, 5, 6, 7, 8), 8)
                .toArray();
        try (CaptureReader reader = open(Arrays.copyOf(whole, whole.length - 5))) {
            Packet.Outcome outcome = Packet.readUntilFailure(reader);
            assertThat(outcome.packets()).extracting(Packet::data).containsExactly(bytes(1));
            assertCaptureFileException(outcome.failure(), "file cut short in the middle of a packet", 28 + 20 + 36, 2);
        }
    }

    @Test
    void anOtherBlockCutShortFailsToo() throws IOException {
        byte[] whole = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .block(5, new byte[40])
                .toArray();
        try (CaptureReader reader = open(Arrays.copyOf(whole, whole.length - 1))) {
            assertCaptureFileException(Packet.readUntilFailure(reader).failure(), "file cut short in the middle of", 48, 1);
        }
        try (CaptureReader reader = open(Arrays.copyOf(whole, whole.length - 4 - 20))) {
            assertCaptureFileException(Packet.readUntilFailure(reader).failure(), "file cut short in the middle of", 48, 1);
        }
    }

    @Test
    void impossibleBlockLengthsAreReported() throws IOException {
        CaptureBytes start = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .enhancedPacket(0, 1, bytes(1), 1);
        int damagedAt = start.size();
        long[][] typeAndLength = {
                {6, 42},             // not a multiple of 4
                {5, 8},              // less than 12
                {6, 28},             // less than an EPB's 32
                {0x0BAD, 0x7FFF_FFFC}, // more than any sane block
        };
        for (long[] damage : typeAndLength) {
            byte[] file = CaptureBytes.littleEndian().raw(start.toArray())
                    .u32(damage[0]).u32(damage[1]).zeros(64).toArray();
            try (CaptureReader reader = open(file)) {
                Packet.Outcome outcome = Packet.readUntilFailure(reader);
                assertThat(outcome.packets()).hasSize(1);
                assertCaptureFileException(outcome.failure(), "impossible record length " + damage[1], damagedAt, 2);
            }
        }
    }

    @Test
    void aTrailingLengthThatDiffersFromTheLeadingOneIsReported() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .u32(6).u32(36).u32(0).u32(0).u32(1).u32(4).u32(4).raw(bytes(1, 2, 3, 4)).u32(40)
                .enhancedPacket(0, 2, bytes(1), 1);
        try (CaptureReader reader = open(file)) {
            Packet.Outcome outcome = Packet.readUntilFailure(reader);
            assertThat(outcome.packets()).isEmpty();
            assertCaptureFileException(outcome.failure(), "impossible record length 36", 48, 1);
            assertThat(outcome.failure()).hasMessageContaining("ends with length 40");
        }
        CaptureBytes skipped = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .u32(5).u32(16).u32(0).u32(20);
        try (CaptureReader reader = open(skipped)) {
            assertCaptureFileException(Packet.readUntilFailure(reader).failure(), "impossible record length 16", 28, 1);
        }
    }

    @Test
    void aCapturedLengthLargerThanTheBlockIsReported() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .block(6, CaptureBytes.littleEndian().u32(0).u32(0).u32(0).u32(9).u32(9).raw(bytes(1, 2, 3, 4, 5, 6, 7, 8)).toArray());
        try (CaptureReader reader = open(file)) {
            assertCaptureFileException(Packet.readUntilFailure(reader).failure(), "impossible captured length 9", 48, 1);
        }
    }

    @Test
    void aPacketForAnUndescribedInterfaceIsReported() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .enhancedPacket(1, 1, bytes(1), 1);
        try (CaptureReader reader = open(file)) {
            assertCaptureFileException(Packet.readUntilFailure(reader).failure(), "packet for interface 1", 48, 1);
        }
        CaptureBytes simple = CaptureBytes.littleEndian().sectionHeader(1, 0).simplePacket(1, bytes(1));
        try (CaptureReader reader = open(simple)) {
            assertCaptureFileException(Packet.readUntilFailure(reader).failure(), "packet for interface 0", 28, 1);
        }
    }

    @Test
    void aSectionOfAnotherMajorVersionStopsTheReaderAfterTheEarlierPackets() throws IOException {
        CaptureBytes file = CaptureBytes.littleEndian().sectionHeader(1, 0)
                .interfaceDescription(ETHERNET, 0)
                .enhancedPacket(0, 1, bytes(1), 1)
                .sectionHeader(2, 0)
                .interfaceDescription(ETHERNET, 0)
                .enhancedPacket(0, 2, bytes(2), 1);
        try (CaptureReader reader = open(file)) {
            Packet.Outcome outcome = Packet.readUntilFailure(reader);
            assertThat(outcome.packets()).hasSize(1);
            assertCaptureFileException(outcome.failure(), "unsupported pcapng section version 2.0", 28 + 20 + 36, 2);
        }
        try {
            open(CaptureBytes.bigEndian().sectionHeader(2, 0));
        } catch (CaptureFileException e) {
            // The first section header is the file's header: record 0.
            assertCaptureFileException(e, "unsupported pcapng section version 2.0", 0, 0);
            return;
        }
        throw new AssertionError("a first section of version 2.0 was accepted");
    }

    @Test
    void aSectionHeaderWithoutAByteOrderMagicIsReported() throws IOException {
        byte[] file = CaptureBytes.littleEndian().u32(0x0A0D0D0A).u32(28).u32(0x11223344).u16(1).u16(0).u64(-1).u32(28).toArray();
        assertThatThrownBy(() -> open(file)).isInstanceOf(CaptureFileException.class)
                // shown as its bytes in file order, as a hex dump shows them
                .hasMessageContaining("byte-order magic 0x44332211");
    }

    private static void assertCaptureFileException(Throwable failure, String messageStart, long byteOffset, long recordNumber) {
        assertThat(failure).isInstanceOf(CaptureFileException.class).hasMessageStartingWith(messageStart);
        CaptureFileException e = (CaptureFileException) failure;
        assertThat(e.byteOffset()).as("byte offset").isEqualTo(byteOffset);
        assertThat(e.recordNumber()).as("record number").isEqualTo(recordNumber);
    }
}
