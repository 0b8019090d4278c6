package dev.tapdeck.file;

import static dev.tapdeck.file.CaptureBytes.PCAP_MICROSECONDS;
import static dev.tapdeck.file.CaptureBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFilesTest {
    private static final byte[] PCAP = CaptureBytes.littleEndian().pcapHeader(PCAP_MICROSECONDS, 65535, 1)
            .pcapRecord(1, 2, bytes(1, 2, 3), 3).toArray();
    private static final byte[] PCAPNG = CaptureBytes.bigEndian().sectionHeader(1, 0)
            .interfaceDescription(1, 0).enhancedPacket(0, 1_000_002, bytes(1, 2, 3), 3).toArray();

    @TempDir
    Path folder;

    @Test
    void theFormatComesFromTheMagicNumberNotTheFileName() throws IOException {
        Path pcapNamedPcapng = Files.write(folder.resolve("really-pcap.pcapng"), PCAP);
        Path pcapngNamedPcap = Files.write(folder.resolve("really-pcapng.pcap"), PCAPNG);
        try (CaptureReader reader = CaptureFiles.open(pcapNamedPcapng)) {
            assertThat(reader).isInstanceOf(PcapReader.class);
            assertThat(Packet.readAll(reader)).extracting(Packet::data).containsExactly(bytes(1, 2, 3));
        }
        try (CaptureReader reader = CaptureFiles.open(pcapngNamedPcap.toString())) {
            assertThat(reader).isInstanceOf(PcapngReader.class);
            assertThat(Packet.readAll(reader)).extracting(Packet::data).containsExactly(bytes(1, 2, 3));
        }
    }

    @Test
    void somethingElseIsNotACapture() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.pcap"), "GET / HTTP/1.1\r\n");
        assertThatThrownBy(() -> CaptureFiles.open(text))
                .isInstanceOf(CaptureFileException.class)
                .hasMessageStartingWith("not a pcap or pcapng file (magic 0x47455420)");
        assertThatThrownBy(() -> CaptureFiles.open(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(CaptureFileException.class)
                .hasMessageStartingWith("empty input: not a pcap or pcapng file");
        assertThatThrownBy(() -> CaptureFiles.open(new ByteArrayInputStream(bytes(0xD4, 0xC3, 0xB2))))
                .isInstanceOf(CaptureFileException.class)
                .hasMessageStartingWith("not a pcap or pcapng file (only 3 bytes)");
    }

    @Test
    void aPcapngFileCutInItsFirstSectionHeaderIsReported() {
        assertThatThrownBy(() -> CaptureFiles.open(new ByteArrayInputStream(Arrays.copyOf(PCAPNG, 20))))
                .isInstanceOf(CaptureFileException.class)
                .hasMessageStartingWith("file cut short in the middle of")
                .satisfies(e -> assertThat(((CaptureFileException) e).byteOffset()).isZero());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = folder.resolve("missing.pcap");
        assertThatThrownBy(() -> CaptureFiles.open(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> CaptureFiles.open(missing.toString()))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFolderIsNamed() {
        assertThatThrownBy(() -> CaptureFiles.open(folder))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("directory");
    }

    @Test
    void aDashReadsStandardInput() throws IOException {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(PCAPNG));
            try (CaptureReader reader = CaptureFiles.open("-")) {
                assertThat(reader.formatName()).isEqualTo("pcapng");
                assertThat(Packet.readAll(reader)).extracting(Packet::epochSeconds, Packet::nanos)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 2_000));
            }
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void aStreamThatTricklesInIsReadWhole() throws IOException {
        // One byte per read, as a slow pipe may deliver it.
        InputStream trickle = new ByteArrayInputStream(PCAP) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        try (CaptureReader reader = CaptureFiles.open(trickle)) {
            assertThat(Packet.readAll(reader)).extracting(Packet::data).containsExactly(bytes(1, 2, 3));
        }
    }

    @Test
    void theReaderOwnsTheStreamAndAFailedOpenClosesIt() throws IOException {
        for (byte[] content : new byte[][] {PCAP, PCAPNG}) {
            ClosableBytes in = new ClosableBytes(content);
            CaptureReader reader = CaptureFiles.open(in);
            assertThat(in.closed).isFalse();
            reader.close();
            assertThat(in.closed).isTrue();
        }
        for (byte[] damaged : new byte[][] {bytes(1, 2, 3, 4, 5), Arrays.copyOf(PCAP, 10), Arrays.copyOf(PCAPNG, 10)}) {
            ClosableBytes in = new ClosableBytes(damaged);
            assertThatThrownBy(() -> CaptureFiles.open(in)).isInstanceOf(CaptureFileException.class);
            assertThat(in.closed).isTrue();
        }
    }

    private static final class ClosableBytes extends ByteArrayInputStream {
        boolean closed;

        ClosableBytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
