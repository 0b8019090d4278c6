package dev.tapdeck.filter;

import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packets of corpus captures, read once and kept, and which of them a filter selects. */
final class CorpusPackets {
    private CorpusPackets() {
    }

    static Path corpus() {
        String shared = System.getProperty("tapdeck.shared");
        Path folder = (shared == null || shared.isBlank() ? Path.of("..", "..", "shared") : Path.of(shared)).resolve("corpus");
        assertThat(folder).as("the capture corpus").isDirectory();
        return folder;
    }

    /** Every packet of {@code capture} (of the corpus), each in its own memory; a cut file gives the packets before the cut. */
    static List<PacketRecord> read(String capture) throws IOException {
        List<PacketRecord> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(corpus().resolve(capture))) {
            PacketRecord packet = new PacketRecord();
            while (reader.next(packet)) {
                packets.add(new PacketRecord().copyOf(packet, MemorySegment.ofArray(new byte[packet.capturedLength()]), 0));
            }
        } catch (IOException e) {
            if (packets.isEmpty()) {
                throw e;
            }
        }
        return packets;
    }

    /** The frame numbers (1-based) of {@code packets} that {@code filter} selects. */
    static List<Long> selected(DisplayFilter filter, List<PacketRecord> packets) {
        PacketFields fields = new PacketFields();
        long reference = packets.isEmpty() ? 0 : epochNanos(packets.getFirst());
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            if (filter.matches(fields.wrap(i + 1, packets.get(i), reference))) {
                numbers.add(i + 1L);
            }
        }
        return numbers;
    }

    static long epochNanos(PacketRecord record) {
        return record.hasTimestamp() ? record.epochSeconds() * 1_000_000_000L + record.nanos() : 0;
    }
}
