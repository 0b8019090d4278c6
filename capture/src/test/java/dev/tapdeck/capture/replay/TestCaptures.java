package dev.tapdeck.capture.replay;

import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Captures for the replay tests: written here with known timing, or read from the shared corpus. */
final class TestCaptures {
    static final int ETHERNET = 1;
    /** 2023-11-14T22:13:20Z: any time pcap's 32-bit seconds hold. */
    static final long FIRST_SECOND = 1_700_000_000L;

    private TestCaptures() {
    }

    /**
     * A nanosecond pcap of {@code packets} packets spread evenly over {@code span}, the first
     * at 0 and the last at {@code span}; packet i is {@code length} bytes, all of them i's.
     */
    static Path evenlySpaced(Path file, int packets, Duration span, int length) throws IOException {
        long gap = span.toNanos() / (packets - 1);
        byte[] bytes = new byte[length];
        MemorySegment segment = MemorySegment.ofArray(bytes);
        PacketRecord packet = new PacketRecord();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             PcapWriter writer = new PcapWriter(out, ETHERNET, 65_535, true)) {
            for (int i = 0; i < packets; i++) {
                Arrays.fill(bytes, (byte) i);
                long at = i * gap;
                writer.write(packet.set(segment, 0, length, length, ETHERNET)
                        .timestamp(FIRST_SECOND + at / 1_000_000_000L, (int) (at % 1_000_000_000L), PacketRecord.NANOSECOND_DIGITS));
            }
        }
        return file;
    }

    /** A file of the shared corpus. */
    static Path corpus(String name) {
        Path corpus = Path.of(System.getProperty("tapdeck.shared", "../../shared"), "corpus").toAbsolutePath().normalize();
        Path file = corpus.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("reference capture not found at " + file
                    + ": check out the shared folder beside the repository or set -Dtapdeck.shared");
        }
        return file;
    }

    /** What a direct read of a capture gives: its good packets, and the damage it stopped at, if any. */
    record Contents(List<RecordingSink.Arrival> packets, CaptureFileException damage) {}

    static Contents read(Path file) throws IOException {
        List<RecordingSink.Arrival> packets = new ArrayList<>();
        PacketRecord packet = new PacketRecord();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next(packet)) {
                packets.add(new RecordingSink.Arrival(packet.recordNumber(),
                        packet.epochSeconds() * 1_000_000_000L + packet.nanos(), packet.toByteArray(), 0));
            }
        } catch (CaptureFileException e) {
            return new Contents(packets, e);
        }
        return new Contents(packets, null);
    }
}
