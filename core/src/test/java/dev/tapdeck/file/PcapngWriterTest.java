package dev.tapdeck.file;

import static dev.tapdeck.file.CaptureBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section and interface metadata: the options of the Section Header Block (§4.1) and the
 * Interface Description Block (§4.2).
 *
 * <p>Checked by hand with tshark 4.0.17 on a file written as in
 * {@link #describedInterfacesReadBackWithTheirOptions}: {@code tshark -r FILE -q -z io,stat,0}
 * reads all 3 frames; {@code tshark -r FILE -T fields -e frame.interface_name
 * -e frame.interface_description} prints "wlan0, Wi-Fi", then "unknown" and no description for
 * the interface described by its link type alone, then "eth0, Uplink port"; {@code capinfos}
 * shows the hardware, OS and application, and for eth0 its filter "tcp port 443", OS, capture
 * length 262144 and nanosecond precision. CI has no tshark, so the tests below read the
 * options themselves.
 */
class PcapngWriterTest {
    private static final SectionInfo SECTION = new SectionInfo("x86_64", "Linux 6.8.0", "Tapdeck 0.1.0");
    private static final InterfaceInfo ETH0 = new InterfaceInfo("eth0", "Uplink port", "tcp port 443", "Linux 6.8.0", 262_144);
    private static final InterfaceInfo WLAN0 = new InterfaceInfo("wlan0", "Wi-Fi", null, null, 0);

    @TempDir
    Path folder;

    private static PacketRecord packet(byte[] data, int linkType, int interfaceId, long seconds, int nanos) {
        return new PacketRecord().set(MemorySegment.ofArray(data), 0, data.length, data.length, linkType)
                .timestamp(seconds, nanos, PacketRecord.NANOSECOND_DIGITS).interfaceId(interfaceId);
    }

    @Test
    void sectionAndInterfaceOptionsAreLaidOutAsTheDraftDrawsThem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out, SECTION)) {
            writer.describeInterface(0, 1, ETH0);
            writer.write(packet(bytes(1, 2, 3), 1, 0, 1, 0));
        }
        CaptureBytes expected = CaptureBytes.littleEndian();
        expected.sectionHeader(1, 0, expected.textOption(2, "x86_64"), expected.textOption(3, "Linux 6.8.0"),
                        expected.textOption(4, "Tapdeck 0.1.0"))
                .interfaceDescription(1, 262_144, expected.textOption(2, "eth0"), expected.textOption(3, "Uplink port"),
                        expected.tsresol(9), expected.option(11, bytes(0, 't', 'c', 'p', ' ', 'p', 'o', 'r', 't', ' ', '4', '4', '3')),
                        expected.textOption(12, "Linux 6.8.0"))
                .enhancedPacket(0, 1_000_000_000L, bytes(1, 2, 3), 3);
        assertThat(out.toByteArray()).isEqualTo(expected.toArray());
    }

    @Test
    void describedInterfacesReadBackWithTheirOptions() throws IOException {
        Path file = folder.resolve("described.pcapng");
        try (PcapngWriter writer = new PcapngWriter(Files.newOutputStream(file), SECTION)) {
            writer.describeInterface(0, 1, ETH0);
            writer.describeInterface(2, 105, WLAN0);
            writer.write(packet(bytes(1), 105, 2, 10, 1));
            writer.write(packet(bytes(2, 2), 101, 5, 11, 2)); // not described: link type and tsresol only
            writer.write(packet(bytes(3, 3, 3), 1, 0, 12, 3));
        }

        // Described interfaces come first, in the order described; the other one with its first packet.
        try (CaptureReader reader = CaptureFiles.open(file)) {
            assertThat(Packet.readAll(reader))
                    .extracting(Packet::data, Packet::linkType, Packet::interfaceId, Packet::epochSeconds, Packet::nanos,
                            Packet::timestampDigits)
                    .containsExactly(tuple(bytes(1), 105, 1, 10L, 1, 9), tuple(bytes(2, 2), 101, 2, 11L, 2, 9),
                            tuple(bytes(3, 3, 3), 1, 0, 12L, 3, 9));
        }

        List<PcapngBlocks.Block> blocks = PcapngBlocks.read(file);
        PcapngBlocks.Block section = blocks.getFirst();
        assertThat(section.type()).isEqualTo(PcapngBlocks.SECTION_HEADER);
        assertThat(List.of(section.text(2), section.text(3), section.text(4)))
                .containsExactly("x86_64", "Linux 6.8.0", "Tapdeck 0.1.0");
        List<PcapngBlocks.Block> interfaces = PcapngBlocks.ofType(blocks, PcapngBlocks.INTERFACE_DESCRIPTION);
        assertThat(interfaces).extracting(PcapngBlocks.Block::linkType, PcapngBlocks.Block::snaplen,
                        block -> block.text(2), block -> block.text(3), block -> block.text(11), block -> block.text(12))
                .containsExactly(tuple(1, 262_144, "eth0", "Uplink port", "\0tcp port 443", "Linux 6.8.0"),
                        tuple(105, 0, "wlan0", "Wi-Fi", null, null),
                        tuple(101, 0, null, null, null, null));
        assertThat(interfaces).allSatisfy(block -> assertThat(block.options().get(9)).containsExactly(9));
    }

    @Test
    void emptyAndMissingTextsAreLeftOut() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out, new SectionInfo("", null, "tapdeck"))) {
            writer.describeInterface(0, 1, new InterfaceInfo(null, "", "", null, 1500));
            writer.write(packet(bytes(1), 1, 0, 1, 0));
        }
        List<PcapngBlocks.Block> blocks = PcapngBlocks.read(out.toByteArray());
        assertThat(blocks.getFirst().options()).containsOnlyKeys(4);
        PcapngBlocks.Block described = PcapngBlocks.ofType(blocks, PcapngBlocks.INTERFACE_DESCRIPTION).getFirst();
        assertThat(described.options()).containsOnlyKeys(9);
        assertThat(described.snaplen()).isEqualTo(1500);

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(plain, SectionInfo.NONE)) {
            writer.write(packet(bytes(1), 1, 0, 1, 0));
        }
        CaptureBytes expected = CaptureBytes.littleEndian().sectionHeader(1, 0);
        expected.interfaceDescription(1, 0, expected.tsresol(9)).enhancedPacket(0, 1_000_000_000L, bytes(1), 1);
        assertThat(plain.toByteArray()).isEqualTo(expected.toArray());
    }

    @Test
    void anInterfaceIsDescribedOnceAndBeforeItsFirstPacket() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            writer.describeInterface(0, 1, ETH0);
            assertThatThrownBy(() -> writer.describeInterface(0, 1, WLAN0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("interface 0 with link type 1 is already described in this file:"
                            + " describe it once, before its first packet");
            writer.write(packet(bytes(1), 101, 3, 1, 0));
            assertThatThrownBy(() -> writer.describeInterface(3, 101, WLAN0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("interface 3 with link type 101 is already described");
            writer.describeInterface(0, 113, WLAN0); // the same id with another link type is another interface
        }
        // Described interfaces are in the file even without packets.
        assertThat(PcapngBlocks.ofType(PcapngBlocks.read(out.toByteArray()), PcapngBlocks.INTERFACE_DESCRIPTION))
                .extracting(PcapngBlocks.Block::linkType, block -> block.text(2))
                .containsExactly(tuple(1, "eth0"), tuple(101, null), tuple(113, "wlan0"));
    }

    @Test
    void textsLongerThanAnOptionHoldsAreRefused() {
        PcapngWriter writer = new PcapngWriter(OutputStream.nullOutputStream());
        String tooLong = "é".repeat(32_768); // 65,536 UTF-8 bytes
        assertThatThrownBy(() -> writer.describeInterface(0, 1, new InterfaceInfo(tooLong, null, null, null, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("if_name of 65536 bytes is longer than the 65535 a pcapng option holds");
        // The filter's value starts with a byte for its kind, so 65,535 bytes of text are one too many.
        assertThatThrownBy(() -> writer.describeInterface(0, 1, new InterfaceInfo(null, null, "x".repeat(65_535), null, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("if_filter of 65536 bytes");
        assertThatThrownBy(() -> new PcapngWriter(OutputStream.nullOutputStream(), new SectionInfo(null, tooLong, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("shb_os of 65536 bytes");
        String long30k = "x".repeat(30_000);
        assertThatThrownBy(() -> new PcapngWriter(OutputStream.nullOutputStream(), new SectionInfo(long30k, long30k, long30k)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("section header of 90044 bytes is longer than the 65536 this writer allows");
        assertThatThrownBy(() -> new InterfaceInfo("eth0", null, null, null, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snaplen -1 is negative");
    }
}
