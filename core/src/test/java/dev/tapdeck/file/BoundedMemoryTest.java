package dev.tapdeck.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/**
 * Streams about 2 GiB of pcap through {@link CaptureFiles#open(InputStream)} from a stream
 * that makes it up as it goes, with no file behind it: the reader must deliver every record
 * while its buffer, the native memory and the heap stay small, and allocate nothing per
 * packet.
 */
class BoundedMemoryTest {
    private static final long TARGET_BYTES = 2L << 30;
    private static final long SMALL = 4L << 20;

    @Test
    void twoGibibytesOfPcapStreamThroughAFewMebibytes() throws IOException {
        SyntheticPcap stream = new SyntheticPcap();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        BufferPoolMXBean nativeMemory = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();

        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long nativeBefore = nativeMemory.getMemoryUsed();
        long heapPeak = 0;
        long nativePeak = 0;
        long packets = 0;
        long capturedBytes = 0;
        long checksum = 0;
        try (PcapReader reader = (PcapReader) CaptureFiles.open(stream)) {
            PacketRecord record = new PacketRecord();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            while (reader.next(record)) {
                packets++;
                capturedBytes += record.capturedLength();
                // The last byte of each packet is its length's low byte: checks the bytes are the right ones.
                checksum += record.buffer().get(java.lang.foreign.ValueLayout.JAVA_BYTE, record.offset() + record.capturedLength() - 1) & 0xFF;
                if ((packets & 0xFFFF) == 0) {
                    heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed() - heapBefore);
                    nativePeak = Math.max(nativePeak, nativeMemory.getMemoryUsed() - nativeBefore);
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            assertThat(reader.bufferCapacity()).as("reader buffer").isLessThanOrEqualTo(SMALL);
            // A few objects from sampling the memory beans; one per packet would be tens of MiB.
            assertThat(allocated).as("bytes allocated while reading %d packets", packets).isLessThan(1L << 20);
        }
        assertThat(packets).isEqualTo(stream.packets());
        assertThat(capturedBytes).isEqualTo(stream.capturedBytes());
        assertThat(checksum).isEqualTo(stream.checksum());
        assertThat(stream.bytesServed()).isGreaterThanOrEqualTo(TARGET_BYTES);
        assertThat(nativePeak).as("native memory growth").isLessThanOrEqualTo(SMALL);
        assertThat(heapPeak).as("heap growth").isLessThanOrEqualTo(64L << 20);
    }

    /**
     * A pcap file header, then the same block of records again and again until about 2 GiB
     * have been served. Records are 60 to 1514 bytes long; the last byte of each is its
     * length's low byte.
     */
    private static final class SyntheticPcap extends InputStream {
        private final byte[] header;
        private final byte[] block;
        private final int packetsPerBlock;
        private final long capturedBytesPerBlock;
        private final long checksumPerBlock;
        private final long blocks;
        private long served;

        SyntheticPcap() {
            header = CaptureBytes.littleEndian().pcapHeader(CaptureBytes.PCAP_NANOSECONDS, 65535, 1).toArray();
            CaptureBytes records = CaptureBytes.littleEndian();
            int count = 0;
            long captured = 0;
            long sum = 0;
            for (int length = 60; records.size() < (1 << 20); length = 60 + (length * 7919 + 13) % 1455) {
                byte[] data = new byte[length];
                data[length - 1] = (byte) length;
                records.pcapRecord(1_700_000_000L + count, count, data, length + 4);
                count++;
                captured += length;
                sum += length & 0xFF;
            }
            block = records.toArray();
            packetsPerBlock = count;
            capturedBytesPerBlock = captured;
            checksumPerBlock = sum;
            blocks = (TARGET_BYTES + block.length - 1) / block.length;
        }

        long packets() {
            return blocks * packetsPerBlock;
        }

        long capturedBytes() {
            return blocks * capturedBytesPerBlock;
        }

        long checksum() {
            return blocks * checksumPerBlock;
        }

        long bytesServed() {
            return served;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = header.length + blocks * block.length;
            if (served == total) {
                return -1;
            }
            int n;
            if (served < header.length) {
                n = Math.min(len, header.length - (int) served);
                System.arraycopy(header, (int) served, b, off, n);
            } else {
                int inBlock = (int) ((served - header.length) % block.length);
                n = (int) Math.min(Math.min(len, block.length - inBlock), total - served);
                System.arraycopy(block, inBlock, b, off, n);
            }
            served += n;
            return n;
        }
    }
}
