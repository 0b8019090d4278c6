package dev.tapdeck.file;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes at all, read as a capture file, either end cleanly or stop with a
 * {@link CaptureFileException} that points inside the input; never another exception, a hang
 * or an allocation the input does not justify (the fuzz run has -Xmx1g and a per-input
 * timeout). Seeds and kept findings: {@code CaptureReaderFuzzTestInputs/readsAnyBytes/}.
 */
class CaptureReaderFuzzTest {

    @FuzzTest
    void readsAnyBytes(byte[] input) throws Exception {
        PacketRecord packet = new PacketRecord();
        long packets = 0;
        long lastRecordOffset = -1;
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(input))) {
            while (reader.next(packet)) {
                packets++;
                assertThat(packet.recordNumber()).isEqualTo(packets);
                // Each record takes room in the file, so offsets must grow: a reader that does
                // not move on (a zero-length block, say) would otherwise loop forever.
                assertThat(packet.fileOffset()).isGreaterThan(lastRecordOffset).isLessThan(input.length);
                lastRecordOffset = packet.fileOffset();
                assertThat(packet.capturedLength()).isBetween(0, input.length);
                assertThat(packet.originalLength()).isNotNegative();
                if (packet.hasTimestamp()) {
                    assertThat(packet.nanos()).isBetween(0, 999_999_999);
                }
                assertThat(packet.toByteArray()).hasSize(packet.capturedLength());
            }
        } catch (CaptureFileException damaged) {
            assertThat(damaged.byteOffset()).isBetween(0L, (long) input.length);
            assertThat(damaged.recordNumber()).isBetween(0L, packets + 1);
        }
    }
}
