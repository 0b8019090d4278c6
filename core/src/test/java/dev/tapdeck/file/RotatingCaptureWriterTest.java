package dev.tapdeck.file;

import static dev.tapdeck.file.CaptureBytes.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tapdeck.file.RotatingCaptureWriter.Settings;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingCaptureWriterTest {
    /** Bytes of a file before its packets: section header without options, one minimal interface description. */
    private static final long HEADERS = 28 + 32;
    private static final Instant START = Instant.parse("2026-11-22T14:30:10Z");

    @TempDir
    Path folder;

    private final ManualClock clock = new ManualClock(START, ZoneOffset.UTC);

    /**
     * Packet number {@code i}: bytes counting up from {@code i}, so that every packet shows up
     * where it lands, and a time in 2001, far from the clock's, which alone starts files.
     */
    private static PacketRecord packet(int i, int length) {
        byte[] data = pattern(length, i);
        return new PacketRecord().set(MemorySegment.ofArray(data), 0, length, length, 1)
                .timestamp(1_000_000_000L + i, i, PacketRecord.NANOSECOND_DIGITS);
    }

    /** An Enhanced Packet Block of {@code length} bytes of packet. */
    private static long block(int length) {
        return 32 + length + (-length & 3);
    }

    private static List<Packet> read(Path file) throws IOException {
        try (CaptureReader reader = CaptureFiles.open(file)) {
            return Packet.readAll(reader);
        }
    }

    private static List<byte[]> dataIn(List<Path> files) throws IOException {
        List<byte[]> data = new ArrayList<>();
        for (Path file : files) {
            read(file).forEach(packet -> data.add(packet.data()));
        }
        return data;
    }

    private static List<Integer> packetCounts(List<Path> files) throws IOException {
        List<Integer> counts = new ArrayList<>();
        for (Path file : files) {
            counts.add(read(file).size());
        }
        return counts;
    }

    private static List<Long> sizes(List<Path> files) throws IOException {
        List<Long> sizes = new ArrayList<>();
        for (Path file : files) {
            sizes.add(Files.size(file));
        }
        return sizes;
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(file -> file.getFileName().toString()).toList();
    }

    private List<String> folderListing() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** Writes packet i at the i-th time of the clock. */
    private static List<Path> writeAt(Settings settings, ManualClock clock, String... times) throws IOException {
        clock.set(Instant.parse(times[0]));
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(settings, SectionInfo.NONE, clock)) {
            for (int i = 0; i < times.length; i++) {
                clock.set(Instant.parse(times[i]));
                writer.write(packet(i, 60));
            }
            return writer.files();
        }
    }

    private List<Path> writeAll(Settings settings, int count, int length) throws IOException {
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(settings, SectionInfo.NONE, clock)) {
            for (int i = 0; i < count; i++) {
                writer.write(packet(i, length));
            }
            return writer.files();
        }
    }

    @Test
    void withoutLimitsEverythingGoesIntoOneFileAtExactlyThePath() throws IOException {
        Path path = folder.resolve("cap.pcapng");
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(Settings.singleFile(path), SectionInfo.NONE, clock)) {
            for (int i = 0; i < 3; i++) {
                writer.write(packet(i, 100));
                clock.advance(Duration.ofDays(1));
            }
            assertThat(writer.files()).containsExactly(path);
        }
        assertThat(folderListing()).containsExactly("cap.pcapng");
        assertThat(read(path)).extracting(Packet::data).containsExactly(pattern(100, 0), pattern(100, 1), pattern(100, 2));
    }

    @Test
    void aSizeLimitStartsANewFileBeforeAPacketWouldPassIt() throws IOException {
        // 1 kB = 1,000 bytes: the headers and 4 packets of 200 bytes make 988, a fifth would make 1,220.
        List<Path> files = writeAll(new Settings(folder.resolve("cap.pcapng"), 1, 0, false, 0), 10, 200);

        assertThat(names(files)).containsExactly("cap_00001_20261122143010.pcapng", "cap_00002_20261122143010.pcapng",
                "cap_00003_20261122143010.pcapng");
        assertThat(packetCounts(files)).containsExactly(4, 4, 2);
        assertThat(sizes(files)).containsExactly(HEADERS + 4 * block(200), HEADERS + 4 * block(200), HEADERS + 2 * block(200));
        assertThat(dataIn(files)).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> pattern(200, i)).toList());
    }

    @Test
    void aPacketLargerThanTheSizeLimitGoesIntoAFileOfItsOwn() throws IOException {
        Path base = folder.resolve("cap.pcapng");
        List<Path> files;
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(new Settings(base, 1, 0, false, 0), SectionInfo.NONE, clock)) {
            writer.write(packet(0, 100));
            writer.write(packet(1, 3000));
            writer.write(packet(2, 100));
            files = writer.files();
        }
        assertThat(packetCounts(files)).containsExactly(1, 1, 1);
        assertThat(sizes(files).get(1)).isEqualTo(HEADERS + block(3000));
        assertThat(dataIn(files)).containsExactly(pattern(100, 0), pattern(3000, 1), pattern(100, 2));
    }

    @Test
    void aDurationStartsANewFileByTheWallClockNotByPacketTimes() throws IOException {
        List<Path> files = writeAt(new Settings(folder.resolve("cap.pcapng"), 0, 60, false, 0), clock,
                "2026-11-22T14:30:10Z", "2026-11-22T14:31:09.999Z",
                "2026-11-22T14:31:10Z", // a minute since the first file started
                "2026-11-22T14:39:30Z"); // idle minutes leave no empty files: the next file starts with the next packet
        assertThat(names(files)).containsExactly("cap_00001_20261122143010.pcapng", "cap_00002_20261122143110.pcapng",
                "cap_00003_20261122143930.pcapng");
        assertThat(packetCounts(files)).containsExactly(2, 1, 1);
    }

    @Test
    void alignedToTheClockFilesStartAtMultiplesOfTheDuration() throws IOException {
        List<Path> files = writeAt(new Settings(folder.resolve("cap.pcapng"), 0, 60, true, 0), clock,
                "2026-11-22T14:30:10.500Z", "2026-11-22T14:30:59.999Z",
                "2026-11-22T14:31:00Z", "2026-11-22T14:31:59.999Z",
                "2026-11-22T14:32:00Z");
        assertThat(names(files)).containsExactly("cap_00001_20261122143010.pcapng", "cap_00002_20261122143100.pcapng",
                "cap_00003_20261122143200.pcapng");
        assertThat(packetCounts(files)).containsExactly(2, 2, 1);
    }

    @Test
    void hourlyAlignedFilesStartOnTheLocalHour() throws IOException {
        ManualClock berlin = new ManualClock(START, ZoneId.of("Europe/Berlin")); // UTC+01:00 in November
        List<Path> files = writeAt(new Settings(folder.resolve("cap.pcapng"), 0, 3600, true, 0), berlin,
                "2026-11-22T13:59:59Z", "2026-11-22T14:00:00Z");
        assertThat(names(files)).containsExactly("cap_00001_20261122145959.pcapng", "cap_00002_20261122150000.pcapng");
    }

    @Test
    void aNewFileIsACaptureFromItsStart() throws IOException {
        Settings everyMinute = new Settings(folder.resolve("cap.pcapng"), 0, 60, false, 0);
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(everyMinute, SectionInfo.NONE, clock)) {
            writer.write(packet(0, 60));
            clock.advance(Duration.ofMinutes(1));
            writer.write(packet(1, 60));
            Path second = writer.files().getLast();
            assertThat(Files.size(second)).as("its section header, flushed when it started").isEqualTo(28);
            assertThat(read(second)).isEmpty();
        }
    }

    @Test
    void namesKeepTheExtensionAndUseTheClocksZone() throws IOException {
        Settings twoFiles = new Settings(folder.resolve("cap.v2.pcapng"), 1, 0, false, 0);
        assertThat(names(writeAll(twoFiles, 5, 200)))
                .containsExactly("cap.v2_00001_20261122143010.pcapng", "cap.v2_00002_20261122143010.pcapng");

        assertThat(names(writeAll(new Settings(folder.resolve("capture"), 1, 0, false, 0), 1, 200)))
                .containsExactly("capture_00001_20261122143010");

        ManualClock kolkata = new ManualClock(START, ZoneId.of("Asia/Kolkata")); // UTC+05:30
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(
                new Settings(folder.resolve("india.pcapng"), 1, 0, false, 0), SectionInfo.NONE, kolkata)) {
            assertThat(names(writer.files())).containsExactly("india_00001_20261122200010.pcapng");
        }
    }

    @Test
    void keepingNFilesDeletesTheOldest() throws IOException {
        // 4 packets a file: 18 packets fill 5 files, of which the newest 2 are kept.
        List<Path> files = writeAll(new Settings(folder.resolve("cap.pcapng"), 1, 0, false, 2), 18, 200);

        assertThat(names(files)).containsExactly("cap_00004_20261122143010.pcapng", "cap_00005_20261122143010.pcapng");
        assertThat(folderListing()).containsExactlyElementsOf(names(files));
        assertThat(dataIn(files)).containsExactlyElementsOf(IntStream.range(12, 18).mapToObj(i -> pattern(200, i)).toList());
    }

    @Test
    void everyFileCarriesTheSectionAndInterfaceMetadata() throws IOException {
        SectionInfo section = new SectionInfo("x86_64", "Linux 6.8.0", "Tapdeck 0.1.0");
        List<Path> files;
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(
                new Settings(folder.resolve("cap.pcapng"), 2, 0, false, 0), section, clock)) {
            writer.describeInterface(0, 1, new InterfaceInfo("eth0", "Uplink port", "tcp", "Linux 6.8.0", 9000));
            for (int i = 0; i < 12; i++) {
                // Alternately the described interface and one known by its link type alone.
                PacketRecord packet = packet(i, 300);
                writer.write(i % 2 == 0 ? packet : packet.set(packet.buffer(), 0, 300, 300, 101).interfaceId(1));
            }
            assertThatThrownBy(() -> writer.describeInterface(0, 1, new InterfaceInfo("eth1", null, null, null, 0)))
                    .isInstanceOf(IllegalStateException.class);
            files = writer.files();
        }

        assertThat(files).hasSizeGreaterThan(2);
        for (Path file : files) {
            List<PcapngBlocks.Block> blocks = PcapngBlocks.read(file);
            PcapngBlocks.Block header = blocks.getFirst();
            assertThat(List.of(header.text(2), header.text(3), header.text(4))).as(file.toString())
                    .containsExactly("x86_64", "Linux 6.8.0", "Tapdeck 0.1.0");
            assertThat(PcapngBlocks.ofType(blocks, PcapngBlocks.INTERFACE_DESCRIPTION)).as(file.toString())
                    .extracting(PcapngBlocks.Block::linkType, PcapngBlocks.Block::snaplen, block -> block.text(2),
                            block -> block.text(11))
                    .containsExactly(tuple(1, 9000, "eth0", "\0tcp"), tuple(101, 0, null, null));
            assertThat(read(file)).extracting(Packet::interfaceId, Packet::linkType).as(file.toString())
                    .containsOnly(tuple(0, 1), tuple(1, 101));
        }
    }

    @Test
    void dataReachesTheFileAtLeastEverySecond() throws IOException {
        Path path = folder.resolve("cap.pcapng");
        try (RotatingCaptureWriter writer = new RotatingCaptureWriter(Settings.singleFile(path), SectionInfo.NONE, clock)) {
            assertThat(Files.size(path)).as("the section header, flushed when the file starts").isEqualTo(28);
            writer.write(packet(0, 100));
            clock.advance(Duration.ofMillis(999));
            writer.write(packet(1, 100));
            assertThat(Files.size(path)).as("999 ms after the last flush").isEqualTo(28);

            clock.advance(Duration.ofMillis(1));
            writer.write(packet(2, 100));
            assertThat(Files.size(path)).as("a second after").isEqualTo(HEADERS + 3 * block(100));

            clock.advance(Duration.ofMillis(500));
            writer.write(packet(3, 100));
            writer.flushIfDue();
            assertThat(Files.size(path)).as("half a second after").isEqualTo(HEADERS + 3 * block(100));
            clock.advance(Duration.ofMillis(500));
            writer.flushIfDue();
            assertThat(Files.size(path)).as("a second after, with no packet coming").isEqualTo(HEADERS + 4 * block(100));
            assertThat(read(path)).as("what is flushed reads while the file is open").hasSize(4);

            writer.write(packet(4, 100));
            writer.flush();
            assertThat(Files.size(path)).isEqualTo(HEADERS + 5 * block(100));
        }
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        Path path = folder.resolve("cap.pcapng");
        assertThatThrownBy(() -> Settings.singleFile(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the capture needs a file to go to, e.g. /tmp/cap.pcapng; got none");
        assertThatThrownBy(() -> Settings.singleFile(Path.of("/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("got /, which names no file");
        assertThatThrownBy(() -> new Settings(path, -1, 0, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file size limit of -1 kB is impossible: give a positive number of kB, or 0 for no size limit");
        assertThatThrownBy(() -> new Settings(path, Long.MAX_VALUE, 0, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("file size limit of " + Long.MAX_VALUE + " kB is impossible");
        assertThatThrownBy(() -> new Settings(path, 0, -5, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file duration of -5 s is impossible: give a positive number of seconds, or 0 for no time limit");
        assertThatThrownBy(() -> new Settings(path, 1000, 0, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("aligning files to the clock needs a file duration");
        assertThatThrownBy(() -> new Settings(path, 1000, 0, false, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("number of files to keep -2 is negative: give a positive number, or 0 to keep every file");
        assertThatThrownBy(() -> new Settings(path, 0, 0, false, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keeping 3 files needs a file size or duration limit to start new files by:"
                        + " without one there is only one file");
    }

    @Test
    void filesThatCannotBeWrittenAreNamed() throws IOException {
        Path plainFile = Files.createFile(folder.resolve("plain"));
        Path underAFile = plainFile.resolve("cap.pcapng");
        assertThatThrownBy(() -> new RotatingCaptureWriter(Settings.singleFile(underAFile), SectionInfo.NONE, clock))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot create " + underAFile + ": Not a directory");

        Path inMissingFolder = folder.resolve("missing").resolve("cap.pcapng");
        assertThatThrownBy(() -> new RotatingCaptureWriter(Settings.singleFile(inMissingFolder), SectionInfo.NONE, clock))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot create " + inMissingFolder + ": no such folder");

        // Linux's full disk on demand: every write fails with ENOSPC.
        assertThatThrownBy(() -> new RotatingCaptureWriter(Settings.singleFile(Path.of("/dev/full")), SectionInfo.NONE, clock))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write /dev/full: No space left on device");
    }

    @Test
    void aFolderThatDisappearsFailsTheNextFileWithItsName() throws IOException {
        Path ring = Files.createDirectory(folder.resolve("ring"));
        RotatingCaptureWriter writer = new RotatingCaptureWriter(new Settings(ring.resolve("cap.pcapng"), 0, 60, false, 0),
                SectionInfo.NONE, clock);
        writer.write(packet(0, 60));
        Path first = writer.files().getFirst();
        Files.delete(first);
        Files.delete(ring);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> writer.write(packet(1, 60)))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot create " + ring.resolve("cap_00002_20261122143110.pcapng") + ": no such folder");
        writer.close();
    }
}
