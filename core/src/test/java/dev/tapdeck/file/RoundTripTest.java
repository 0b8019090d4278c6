package dev.tapdeck.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** Whatever a writer writes, a reader reads back unchanged. */
@AddLifecycleHook(QuietPropertyReports.class)
class RoundTripTest {
    private static final int[] LINK_TYPES = {0, 1, 12, 101, 113, 228, 229, 276};

    /** A packet to write: its bytes, how much longer it was on the wire, time, interface. */
    record Spec(byte[] data, int wireExtra, long seconds, int nanos, int linkType, int interfaceId, String comment) {
        PacketRecord toRecord() {
            return new PacketRecord().set(MemorySegment.ofArray(data), 0, data.length, data.length + wireExtra, linkType)
                    .timestamp(seconds, nanos, PacketRecord.NANOSECOND_DIGITS)
                    .interfaceId(interfaceId);
        }

        @Override
        public String toString() {
            return "Spec[" + data.length + " bytes " + java.util.HexFormat.of().formatHex(data, 0, Math.min(data.length, 16))
                    + (data.length > 16 ? ".." : "") + ", wireExtra=" + wireExtra + ", time=" + seconds + "." + nanos
                    + ", linkType=" + linkType + ", interfaceId=" + interfaceId + ", comment=" + comment + "]";
        }

        /** As a pcap file of one link type holds it. */
        Spec withLinkType(int fileLinkType) {
            return new Spec(data, wireExtra, seconds, nanos, fileLinkType, interfaceId, comment);
        }

        /** Within a pcap file's 32-bit seconds. */
        Spec withSecondsOf32Bits() {
            return new Spec(data, wireExtra, seconds & 0xFFFF_FFFFL, nanos, linkType, interfaceId, comment);
        }
    }

    @Provide
    Arbitrary<List<Spec>> pcapPackets() {
        return packets(Arbitraries.longs().between(0, 0xFFFF_FFFFL));
    }

    @Provide
    Arbitrary<List<Spec>> pcapngPackets() {
        // Up to the last second a 64-bit count of nanoseconds reaches (year 2554).
        return packets(Arbitraries.longs().between(0, 18_446_744_072L));
    }

    private static Arbitrary<List<Spec>> packets(Arbitrary<Long> seconds) {
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<Integer> wireExtra = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 100_000));
        Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
        Arbitrary<Integer> linkType = Arbitraries.of(1, 0, 101, 113, 276);
        Arbitrary<Integer> interfaceId = Arbitraries.integers().between(0, 3);
        Arbitrary<String> comment = Arbitraries.strings().ofMaxLength(40).injectNull(0.5);
        return Combinators.combine(data, wireExtra, seconds, nanos, linkType, interfaceId, comment)
                .as(Spec::new)
                .list().ofMaxSize(40);
    }

    @Property(tries = 200)
    void pcapReadsBackWhatWasWritten(@ForAll("pcapPackets") List<Spec> specs, @ForAll boolean nanosecondFile,
                                     @ForAll("linkType") int fileLinkType) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out, fileLinkType, 65535, nanosecondFile)) {
            for (Spec spec : specs) {
                writer.write(spec.withLinkType(fileLinkType).toRecord());
            }
        }
        List<Packet> read;
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(out.toByteArray()))) {
            read = Packet.readAll(reader);
        }
        assertThat(read).hasSameSizeAs(specs);
        long offset = 24;
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            int nanos = nanosecondFile ? spec.nanos() : spec.nanos() / 1000 * 1000;
            assertThat(read.get(i)).isEqualTo(new Packet(spec.data(), spec.data().length, spec.data().length + spec.wireExtra(),
                    fileLinkType, 0, true, spec.seconds(), nanos, nanosecondFile ? 9 : 6, i + 1, offset));
            offset += 16 + spec.data().length;
        }
    }

    @Property(tries = 200)
    void pcapngReadsBackWhatWasWritten(@ForAll("pcapngPackets") List<Spec> specs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            for (Spec spec : specs) {
                writer.write(spec.toRecord(), spec.comment());
            }
        }
        List<Packet> read;
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(out.toByteArray()))) {
            read = Packet.readAll(reader);
        }
        // In the file, interfaces are numbered in the order their first packets arrive.
        List<List<Integer>> interfaces = new ArrayList<>();
        assertThat(read).hasSameSizeAs(specs);
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            List<Integer> key = List.of(spec.interfaceId(), spec.linkType());
            if (!interfaces.contains(key)) {
                interfaces.add(key);
            }
            Packet packet = read.get(i);
            assertThat(packet.data()).isEqualTo(spec.data());
            assertThat(packet.capturedLength()).isEqualTo(spec.data().length);
            assertThat(packet.originalLength()).isEqualTo(spec.data().length + spec.wireExtra());
            assertThat(packet.linkType()).isEqualTo(spec.linkType());
            assertThat(packet.interfaceId()).isEqualTo(interfaces.indexOf(key));
            assertThat(packet.hasTimestamp()).isTrue();
            assertThat(packet.epochSeconds()).isEqualTo(spec.seconds());
            assertThat(packet.nanos()).isEqualTo(spec.nanos());
            assertThat(packet.timestampDigits()).isEqualTo(9);
            assertThat(packet.recordNumber()).isEqualTo(i + 1);
        }
        assertThat(commentsOf(out.toByteArray())).containsExactlyElementsOf(specs.stream().map(RoundTripTest::readableComment).toList());
    }

    /** A comment as a reader gives it back: up to a NUL, as Wireshark shows it; "" for none. */
    private static String readableComment(Spec spec) {
        String comment = spec.comment() == null ? "" : spec.comment();
        int nul = comment.indexOf('\0');
        return nul < 0 ? comment : comment.substring(0, nul);
    }

    /** Each packet's {@code opt_comment} as the reader gives it, "" for none. */
    private static List<String> commentsOf(byte[] file) throws IOException {
        List<String> comments = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(file))) {
            PacketRecord record = new PacketRecord();
            while (reader.next(record)) {
                comments.add(record.comment() == null ? "" : record.comment());
            }
        }
        return comments;
    }

    @Property(tries = 200)
    void packetsWrittenWithInterfacesAlreadyInOrderKeepTheirIds(@ForAll("pcapngPackets") List<Spec> specs) throws IOException {
        // Give interface i the link type LINK_TYPES[i] and make ids appear in order 0, 1, 2...
        List<Spec> ordered = new ArrayList<>();
        int nextId = 0;
        for (Spec spec : specs) {
            int id = Math.min(spec.interfaceId(), nextId);
            nextId = Math.max(nextId, id + 1);
            ordered.add(new Spec(spec.data(), spec.wireExtra(), spec.seconds(), spec.nanos(), LINK_TYPES[id], id, spec.comment()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            for (Spec spec : ordered) {
                writer.write(spec.toRecord());
            }
        }
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(Packet.readAll(reader)).extracting(Packet::interfaceId, Packet::linkType)
                    .containsExactlyElementsOf(ordered.stream()
                            .map(spec -> org.assertj.core.groups.Tuple.tuple(spec.interfaceId(), spec.linkType())).toList());
        }
    }

    /**
     * A small buffer and input that arrives in random pieces make the reader compact, refill
     * and grow at every possible place in a record; it must deliver the same packets.
     */
    @Property(tries = 300)
    void theSamePacketsArriveWhateverTheBufferSizeAndTheReadPieces(
            @ForAll("pcapngPackets") List<Spec> specs, @ForAll boolean pcapng,
            @ForAll @IntRange(min = 1, max = 300) int initialCapacity, @ForAll long pieceSeed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureWriter writer = pcapng ? new PcapngWriter(out) : new PcapWriter(out, 1, 65535, true)) {
            for (Spec spec : specs) {
                writer.write((pcapng ? spec : spec.withLinkType(1).withSecondsOf32Bits()).toRecord());
            }
        }
        byte[] file = out.toByteArray();
        List<Packet> expected;
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(file))) {
            expected = Packet.readAll(reader);
        }
        ReadWindow window = new ReadWindow(new InputStreamChannel(new RandomPieces(file, pieceSeed)), initialCapacity);
        try (CaptureReader reader = pcapng ? new PcapngReader(window) : new PcapReader(window)) {
            assertThat(Packet.readAll(reader)).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<Integer> linkType() {
        return Arbitraries.of(1, 0, 101, 113, 276, 228);
    }

    /** Hands out its bytes in pieces of random size, 1 to 700 bytes. */
    private static final class RandomPieces extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int position;

        RandomPieces(byte[] bytes, long seed) {
            this.bytes = bytes;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position == bytes.length) {
                return -1;
            }
            int piece = Math.min(Math.min(len, 1 + random.nextInt(700)), bytes.length - position);
            System.arraycopy(bytes, position, b, off, piece);
            position += piece;
            return piece;
        }
    }

}
