package dev.tapdeck.pipeline;

import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {
    private static final Path CORPUS = Path.of(System.getProperty("tapdeck.shared", "../../shared"), "corpus");

    private static List<byte[]> readAll(CaptureReader reader) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        PacketRecord packet = new PacketRecord();
        while (reader.next(packet)) {
            packets.add(packet.toByteArray());
        }
        return packets;
    }

    @Test
    void deliversTheSamePacketsAsTheFileReader() throws IOException {
        Path capture = CORPUS.resolve("pcpp-many_interfaces-1.pcapng");
        List<byte[]> direct;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            direct = readAll(reader);
        }
        try (CaptureReader ahead = new ReadAhead(CaptureFiles.open(capture))) {
            assertThat(ahead.formatName()).isEqualTo("pcapng");
            assertThat(readAll(ahead)).containsExactlyElementsOf(direct);
        }
    }

    @Test
    void aDamagedFileFailsAfterEveryPacketBeforeTheDamage() throws IOException {
        try (CaptureReader ahead = new ReadAhead(CaptureFiles.open(CORPUS.resolve("derived-tls-cut-mid-record.pcap")))) {
            PacketRecord packet = new PacketRecord();
            int delivered = 0;
            while (delivered < 42) {
                assertThat(ahead.next(packet)).isTrue();
                delivered++;
            }
            assertThatThrownBy(() -> ahead.next(packet)).isInstanceOf(CaptureFileException.class).hasMessageContaining("record 43");
        }
    }

    @Test
    void closingEarlyStopsTheReaderThread() throws IOException, InterruptedException {
        CaptureReader ahead = new ReadAhead(CaptureFiles.open(CORPUS.resolve("pcpp-tls2.pcap")));
        assertThat(ahead.next(new PacketRecord())).isTrue();
        ahead.close();
        Thread.sleep(50);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("tapdeck-read-ahead") && t.isAlive());
    }
}
