package dev.tapdeck.cli;

import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.TcpPreferences;
import dev.tapdeck.stream.message.LaterFrames;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodeWorkersTest {

    /** Prints each packet's number, length and first byte, as the worker saw them. */
    private static final PacketPrinter ECHO = (packet, out) -> out.writeLine(new StringBuilder()
            .append(packet.frameNumber()).append(' ').append(packet.record().capturedLength()).append(' ')
            .append(packet.record().buffer().get(ValueLayout.JAVA_BYTE, packet.record().offset())));

    @Test
    void linesComeOutInPacketOrderWhateverWorkerPrintedThem() throws IOException {
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < 10 * DecodeWorkers.BATCH_PACKETS + 17; i++) {
            lengths.add(60 + i % 1400);
        }

        List<String> lines = run(Stream.generate(() -> ECHO).limit(3).toList(), lengths);

        assertThat(lines).hasSize(lengths.size());
        for (int i = 0; i < lengths.size(); i++) {
            assertThat(lines.get(i)).isEqualTo((i + 1) + " " + lengths.get(i) + " " + (byte) (i + 1));
        }
    }

    @Test
    void aPacketLargerThanABatchGetsABatchOfItsOwn() throws IOException {
        int huge = (int) DecodeWorkers.BATCH_BYTES * 3;
        List<String> lines = run(List.of(ECHO, ECHO), List.of(100, huge, 200, huge, 300));

        assertThat(lines).containsExactly("1 100 1", "2 " + huge + " 2", "3 200 3", "4 " + huge + " 4", "5 300 5");
    }

    @Test
    void aFailureOnAWorkerIsThrownOnTheReadingThread() {
        PacketPrinter failing = (packet, out) -> {
            if (packet.frameNumber() == 1500) {
                throw new IllegalStateException("printer broke at 1500");
            }
        };

        assertThatThrownBy(() -> run(List.of(failing, failing), java.util.Collections.nCopies(3000, 64)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("printer broke at 1500");
    }

    @Test
    void anErrorOnAWorkerDoesNotLeaveTheReadingThreadWaiting() {
        PacketPrinter failing = (packet, out) -> {
            if (packet.frameNumber() == 2) {
                throw new AssertionError("worker died");
            }
        };

        assertThatThrownBy(() -> run(List.of(failing), List.of(64, 64, 64)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("worker died");
    }

    /** Adds packets of {@code lengths}, the first byte of each its number, and returns the lines written. */
    private static List<String> run(List<PacketPrinter> printers, List<Integer> lengths) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemorySegment source = Arena.ofAuto().allocate(lengths.stream().mapToInt(Integer::intValue).max().orElse(1));
        PacketRecord packet = new PacketRecord();
        try (LineOutput out = new LineOutput(bytes); DecodeWorkers workers = DecodeWorkers.onWorkers(printers, TcpPreferences.DEFAULTS, LaterFrames.NONE, out)) {
            for (int i = 0; i < lengths.size(); i++) {
                source.set(ValueLayout.JAVA_BYTE, 0, (byte) (i + 1));
                workers.add(packet.set(source, 0, lengths.get(i), lengths.get(i), 1));
            }
            workers.finish();
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
